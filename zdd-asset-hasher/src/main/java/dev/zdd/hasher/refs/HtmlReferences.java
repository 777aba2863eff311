package dev.zdd.hasher.refs;

import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an HTML page with jsoup and reports each URL with its exact place in the original text, so rewriting
 * edits just those characters and keeps every other byte as written.
 */
public final class HtmlReferences implements FileReader {
    /** Attributes holding one URL, per element. {@code *} matches any element. */
    private static final Map<String, Map<String, ReferenceKind>> URL_ATTRIBUTES = Map.ofEntries(
            Map.entry("a", Map.of("href", ReferenceKind.HTML_LINK)),
            Map.entry("area", Map.of("href", ReferenceKind.HTML_LINK)),
            Map.entry("iframe", Map.of("src", ReferenceKind.HTML_LINK)),
            Map.entry("frame", Map.of("src", ReferenceKind.HTML_LINK)),
            Map.entry("img", Map.of("src", ReferenceKind.HTML_RESOURCE)),
            Map.entry("source", Map.of("src", ReferenceKind.HTML_RESOURCE)),
            Map.entry("script", Map.of("src", ReferenceKind.HTML_RESOURCE)),
            Map.entry("embed", Map.of("src", ReferenceKind.HTML_RESOURCE)),
            Map.entry("track", Map.of("src", ReferenceKind.HTML_RESOURCE)),
            Map.entry("audio", Map.of("src", ReferenceKind.HTML_RESOURCE)),
            Map.entry("video", Map.of("src", ReferenceKind.HTML_RESOURCE, "poster", ReferenceKind.HTML_RESOURCE)),
            Map.entry("input", Map.of("src", ReferenceKind.HTML_RESOURCE)),
            Map.entry("object", Map.of("data", ReferenceKind.HTML_RESOURCE)),
            Map.entry("body", Map.of("background", ReferenceKind.HTML_RESOURCE)),
            Map.entry("table", Map.of("background", ReferenceKind.HTML_RESOURCE)),
            Map.entry("td", Map.of("background", ReferenceKind.HTML_RESOURCE)),
            Map.entry("th", Map.of("background", ReferenceKind.HTML_RESOURCE)),
            Map.entry("image", Map.of("href", ReferenceKind.HTML_RESOURCE, "xlink:href", ReferenceKind.HTML_RESOURCE)),
            Map.entry("use", Map.of("href", ReferenceKind.HTML_RESOURCE, "xlink:href", ReferenceKind.HTML_RESOURCE)),
            Map.entry("feimage", Map.of("href", ReferenceKind.HTML_RESOURCE, "xlink:href", ReferenceKind.HTML_RESOURCE)));

    /** {@code <link rel>} values whose target the page loads (and so is an asset). */
    private static final Set<String> RESOURCE_RELS = Set.of("stylesheet", "icon", "shortcut", "apple-touch-icon",
            "apple-touch-icon-precomposed", "mask-icon", "manifest", "preload", "prefetch", "modulepreload",
            "image_src", "fluid-icon");
    /** {@code <link rel>} values whose href is an origin, not a file. */
    private static final Set<String> ORIGIN_RELS = Set.of("preconnect", "dns-prefetch");
    /** {@code <meta property|name>} values whose content is an image or media URL. */
    private static final Set<String> URL_METAS = Set.of("og:image", "og:image:url", "og:image:secure_url",
            "og:video", "og:video:url", "og:video:secure_url", "og:audio", "og:audio:url", "og:audio:secure_url",
            "twitter:image", "twitter:image:src", "twitter:player:stream", "msapplication-tileimage",
            "msapplication-square70x70logo", "msapplication-square150x150logo", "msapplication-wide310x150logo",
            "msapplication-square310x310logo", "msapplication-config", "thumbnail");

    private final CssReferences css = new CssReferences();
    private final JsonReferences importMap = JsonReferences.importMap();

    @Override
    public ParsedFile read(String path, String html) {
        Document document = Jsoup.parse(html, "", Parser.htmlParser().setTrackPosition(true));
        ReferenceSink sink = new ReferenceSink(path, html);
        Set<String> anchors = new HashSet<>();
        String baseHref = null;
        for (Element element : document.getAllElements()) {
            String tag = element.normalName();
            if (tag.equals("base") && baseHref == null && element.hasAttr("href")) {
                // Browsers use the first <base> that has an href.
                baseHref = element.attr("href").strip();
            }
            if (!element.id().isEmpty()) {
                anchors.add(element.id());
            }
            if (tag.equals("a") && element.hasAttr("name")) {
                anchors.add(element.attr("name"));
            }
            for (Attribute attribute : element.attributes()) {
                readAttribute(html, element, tag, attribute, sink);
            }
            if (tag.equals("style")) {
                readData(html, element, css, sink);
            } else if (tag.equals("script") && element.attr("type").trim().equalsIgnoreCase("importmap")) {
                readData(html, element, importMap, sink);
            }
        }
        return new ParsedFile(path, html, sink.references(), anchors, sink.problems(), baseHref);
    }

    private void readAttribute(String html, Element element, String tag, Attribute attribute, ReferenceSink sink) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        ReferenceKind single = singleUrlKind(element, tag, name);
        boolean srcset = name.equals("srcset") && (tag.equals("img") || tag.equals("source"))
                || name.equals("imagesrcset") && tag.equals("link");
        boolean refresh = single == null && name.equals("content") && tag.equals("meta")
                && element.attr("http-equiv").trim().equalsIgnoreCase("refresh");
        if (single == null && !srcset && !refresh && !name.equals("style")) {
            // Most attributes (class, id, alt, ...) hold no URL: neither their place nor their value is looked up.
            return;
        }
        Range range = attribute.sourceRange().valueRange();
        if (!range.isTracked()) {
            return;
        }
        int start = range.start().pos();
        int end = range.end().pos();
        String raw = html.substring(start, end);
        char quote = start > 0 && (html.charAt(start - 1) == '"' || html.charAt(start - 1) == '\'')
                ? html.charAt(start - 1) : 0;
        UrlEncoder encoder = HtmlEncoders.attribute(quote);
        // Decoded by the standard's attribute rules, with each character's place in the raw text.
        DecodedAttribute decoded = DecodedAttribute.decode(raw);
        String value = decoded.value();

        if (single != null) {
            // Browsers strip surrounding whitespace from URL attributes.
            String trimmed = value.strip();
            if (trimmed.isEmpty()) {
                return;
            }
            int lead = value.indexOf(trimmed);
            addWithin(sink, start, decoded, single, trimmed, new TextRange(lead, lead + trimmed.length()), encoder);
        } else if (srcset) {
            for (TextRange candidate : SrcsetCandidates.urls(value)) {
                addWithin(sink, start, decoded, ReferenceKind.HTML_SRCSET,
                        value.substring(candidate.start(), candidate.end()), candidate, encoder);
            }
        } else if (name.equals("style")) {
            css.extract(value, sink.nested(offset -> start + decoded.toRaw().map(offset), encoder));
        } else if (refresh) {
            TextRange target = MetaRefresh.url(value);
            if (target != null) {
                addWithin(sink, start, decoded, ReferenceKind.HTML_META_REFRESH,
                        value.substring(target.start(), target.end()), target, encoder);
            }
        }
    }

    private static void addWithin(ReferenceSink sink, int valueStart, DecodedAttribute decoded, ReferenceKind kind,
                                  String url, TextRange inDecoded, UrlEncoder encoder) {
        OffsetMap toFile = offset -> valueStart + decoded.toRaw().map(offset);
        sink.add(kind, url, toFile.map(inDecoded), encoder, null, offset -> toFile.map(inDecoded.start() + offset));
    }

    private static ReferenceKind singleUrlKind(Element element, String tag, String name) {
        if (tag.equals("link") && name.equals("href")) {
            return linkKind(element.attr("rel"));
        }
        if (tag.equals("meta") && name.equals("content")) {
            String property = element.hasAttr("property") ? element.attr("property") : element.attr("name");
            return URL_METAS.contains(property.trim().toLowerCase(Locale.ROOT)) ? ReferenceKind.HTML_META : null;
        }
        Map<String, ReferenceKind> attributes = URL_ATTRIBUTES.get(tag);
        return attributes == null ? null : attributes.get(name);
    }

    private static ReferenceKind linkKind(String rel) {
        List<String> tokens = new ArrayList<>();
        for (String token : rel.toLowerCase(Locale.ROOT).replace('\t', ' ').replace('\n', ' ').split(" ")) {
            if (!token.isBlank()) {
                tokens.add(token.strip());
            }
        }
        if (tokens.stream().anyMatch(ORIGIN_RELS::contains)) {
            return null;
        }
        return tokens.stream().anyMatch(RESOURCE_RELS::contains) ? ReferenceKind.HTML_RESOURCE
                : ReferenceKind.HTML_LINK;
    }

    /** Raw-text elements hold no character references, so their source text is read as it is. */
    /**
     * The text of a {@code <style>} or {@code <script>}: data in HTML; in SVG (foreign content) text, or a CDATA
     * section whose markers are left out.
     */
    private static void readData(String html, Element element, ReferenceExtractor extractor, ReferenceSink sink) {
        for (Node child : element.childNodes()) {
            Range range = child.sourceRange();
            if (!range.isTracked() || !(child instanceof DataNode || child instanceof TextNode)) {
                continue;
            }
            int start = range.start().pos();
            int end = range.end().pos();
            if (child instanceof CDataNode && html.startsWith(CDATA_START, start)
                    && html.startsWith(CDATA_END, end - CDATA_END.length())) {
                start += CDATA_START.length();
                end -= CDATA_END.length();
            }
            if (end > start) {
                extractor.extract(html.substring(start, end), sink.nested(OffsetMap.shift(start),
                        UrlEncoder.VERBATIM));
            }
        }
    }

    private static final String CDATA_START = "<![CDATA[";
    private static final String CDATA_END = "]]>";
}
