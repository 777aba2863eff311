package dev.zdd.hasher;
import org.jsoup.Jsoup;
import org.jsoup.nodes.*;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
class ProbeTest {
  @Test void probe() {
    String html = "\uFEFF<!doctype html>\r\n<html><head><style>a{b:url(x.png)}</style><script type=importmap>{\"imports\":{}}</script></head><body>\r\n<img src=\"a&amp;b.png\" srcset='x.png 1x, y.png 2x' alt=foo data-x=a.png>\r\n<IMG SRC=c.png><svg><use xlink:href=\"s.svg#i\"/></svg></body></html>";
    Parser p = Parser.htmlParser().setTrackPosition(true);
    Document d = Jsoup.parse(html, "", p);
    for (Element e : d.getAllElements()) {
      for (Attribute a : e.attributes()) {
        Range.AttributeRange r = a.sourceRange();
        System.out.println(e.tagName() + " " + a.getKey() + "=" + a.getValue() + " name=" + r.nameRange() + " value=" + r.valueRange()
          + " raw=[" + (r.valueRange().isTracked() ? html.substring(r.valueRange().start().pos(), r.valueRange().end().pos()) : "?") + "]");
      }
      for (DataNode dn : e.dataNodes()) {
        System.out.println("data " + e.tagName() + " " + dn.sourceRange() + " raw=[" + html.substring(dn.sourceRange().start().pos(), dn.sourceRange().end().pos()) + "]");
      }
    }
  }
}
