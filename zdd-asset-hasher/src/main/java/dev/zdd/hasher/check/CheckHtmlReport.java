package dev.zdd.hasher.check;

import java.util.ArrayList;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.ReportText;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.text.ByteSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code check.html}: one self-contained page (no scripts, no external files) with problems by page and sizes. */
final class CheckHtmlReport {
    private static final int BAR_WIDTH = 420;

    private CheckHtmlReport() {
    }

    static void write(CheckResult result, Path file) throws IOException {
        StringBuilder html = new StringBuilder(16_384);
        boolean failed = result.failed();
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>zdd check: ").append(failed ? "failed" : "passed").append("</title>\n<style>\n")
                .append("body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;"
                        + "color:#1d1d1f}\n")
                .append("h1{font-size:1.6rem} h2{font-size:1.2rem;margin-top:2rem} h3{font-size:1rem;margin:1.2rem 0"
                        + " .4rem;font-family:ui-monospace,monospace}\n")
                .append(".status{display:inline-block;padding:.1rem .7rem;border-radius:1rem;color:#fff}\n")
                .append(".failed{background:#c62828}.passed{background:#2e7d32}\n")
                .append("table{border-collapse:collapse;width:100%} td,th{text-align:left;padding:.3rem .6rem;"
                        + "border-bottom:1px solid #e0e0e0;vertical-align:top}\n")
                .append("td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".error{color:#c62828;font-weight:600}.warning{color:#a15c00;font-weight:600}\n")
                .append("code{font-family:ui-monospace,monospace;background:#f3f3f3;padding:0 .25rem;"
                        + "border-radius:3px;word-break:break-all}\n")
                .append(".hint{color:#555} .muted{color:#777}\n")
                .append("</style></head><body>\n");
        CheckResult.Statistics s = result.statistics();
        html.append("<h1>zdd check <span class=\"status ").append(failed ? "failed\">failed" : "passed\">passed")
                .append("</span></h1>\n<p>").append(esc(result.site().toString())).append("<br>")
                .append(s.files()).append(" files, ").append(s.pages()).append(" pages, ").append(s.references())
                .append(" references checked in ").append(s.millis()).append(" ms: <span class=\"error\">")
                .append(result.count(Severity.ERROR)).append(" error(s)</span>, <span class=\"warning\">")
                .append(result.count(Severity.WARNING)).append(" warning(s)</span>.</p>\n");
        problemsByFile(result.problems(), html);
        sizes(result.sizes(), html);
        html.append("</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void problemsByFile(List<Diagnostic> problems, StringBuilder html) {
        html.append("<h2>Problems</h2>\n");
        if (problems.isEmpty()) {
            html.append("<p>None: every reference resolves and every budget holds.</p>\n");
            return;
        }
        Map<String, List<Diagnostic>> byFile = new TreeMap<>();
        for (Diagnostic problem : problems) {
            byFile.computeIfAbsent(problem.file(), f -> new ArrayList<>()).add(problem);
        }
        for (Map.Entry<String, List<Diagnostic>> entry : byFile.entrySet()) {
            html.append("<h3>").append(esc(entry.getKey())).append(" <span class=\"muted\">(")
                    .append(entry.getValue().size()).append(")</span></h3>\n<table><tr><th>Line</th><th>Kind</th>"
                            + "<th>Problem</th></tr>\n");
            for (Diagnostic p : entry.getValue()) {
                String level = p.severity() == Severity.ERROR ? "error" : "warning";
                html.append("<tr><td class=\"num\">").append(p.line() > 0 ? p.line() + ":" + p.column() : "")
                        .append("</td><td class=\"").append(level).append("\">").append(esc(p.code()))
                        .append("</td><td>").append(esc(p.message()));
                if (!p.hint().isEmpty()) {
                    html.append("<br><span class=\"hint\">").append(esc(p.hint())).append("</span>");
                }
                html.append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void sizes(SizeReport sizes, StringBuilder html) {
        html.append("<h2>Sizes by type</h2>\n");
        long max = 1;
        for (SizeCategory c : SizeCategory.values()) {
            max = Math.max(max, Math.max(sizes.current().get(c), sizes.baseline().getOrDefault(c, 0L)));
        }
        html.append("<p class=\"muted\">").append(sizes.hasBaseline()
                ? "Grey: baseline (" + esc(sizes.baselineName()) + "). Blue: this release."
                : "No baseline given; set one to see growth.").append("</p>\n");
        html.append("<table><tr><th>Type</th><th>Chart</th><th class=\"num\">Size</th>")
                .append(sizes.hasBaseline() ? "<th class=\"num\">Baseline</th><th class=\"num\">Change</th>" : "")
                .append("</tr>\n");
        for (SizeCategory c : SizeCategory.values()) {
            long now = sizes.current().get(c);
            html.append("<tr><td>").append(c.id()).append("</td><td>").append(chart(now,
                    sizes.hasBaseline() ? sizes.baseline().getOrDefault(c, 0L) : -1, max)).append("</td>")
                    .append("<td class=\"num\">").append(ByteSize.format(now)).append("</td>");
            if (sizes.hasBaseline()) {
                long before = sizes.baseline().getOrDefault(c, 0L);
                html.append("<td class=\"num\">").append(ByteSize.format(before)).append("</td><td class=\"num\">")
                        .append(ByteSize.formatChange(now - before)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("<tr><th>total</th><td></td><th class=\"num\">").append(ByteSize.format(sizes.total()))
                .append("</th>");
        if (sizes.hasBaseline()) {
            html.append("<th class=\"num\">").append(ByteSize.format(sizes.baselineTotal()))
                    .append("</th><th class=\"num\">").append(ByteSize.formatChange(sizes.total()
                            - sizes.baselineTotal())).append("</th>");
        }
        html.append("</tr></table>\n");
        if (sizes.hasBaseline()) {
            changes("Most grown files", sizes.grown(), html);
            changes("Added files", sizes.added(), html);
            changes("Removed files", sizes.removed(), html);
        }
    }

    /** Two horizontal bars in inline SVG: baseline (when {@code before >= 0}) and now. */
    private static String chart(long now, long before, long max) {
        int nowWidth = (int) Math.max(1, now * BAR_WIDTH / max);
        StringBuilder svg = new StringBuilder("<svg width=\"" + BAR_WIDTH + "\" height=\"" + (before >= 0 ? 26 : 14)
                + "\" role=\"img\" aria-label=\"" + ByteSize.format(now) + "\">");
        int y = 0;
        if (before >= 0) {
            int beforeWidth = (int) Math.max(1, before * BAR_WIDTH / max);
            svg.append("<rect x=\"0\" y=\"0\" height=\"10\" width=\"").append(beforeWidth)
                    .append("\" fill=\"#bdbdbd\"/>");
            y = 13;
        }
        svg.append("<rect x=\"0\" y=\"").append(y).append("\" height=\"12\" width=\"").append(nowWidth)
                .append("\" fill=\"#1e88e5\"/></svg>");
        return svg.toString();
    }

    private static void changes(String title, List<FileChange> changes, StringBuilder html) {
        if (changes.isEmpty()) {
            return;
        }
        html.append("<h2>").append(title).append(" <span class=\"muted\">(").append(changes.size())
                .append(")</span></h2>\n<table><tr><th>File</th><th class=\"num\">Before</th><th class=\"num\">After"
                        + "</th><th class=\"num\">Change</th></tr>\n");
        for (FileChange change : changes) {
            html.append("<tr><td><code>").append(esc(change.path())).append("</code></td><td class=\"num\">")
                    .append(ByteSize.format(change.before())).append("</td><td class=\"num\">")
                    .append(ByteSize.format(change.after())).append("</td><td class=\"num\">")
                    .append(ByteSize.formatChange(change.growth())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String esc(String text) {
        String s = ReportText.printable(text);
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
