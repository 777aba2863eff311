package dev.zdd.hasher.check;

import dev.zdd.hasher.hostile.RawNames;
import dev.zdd.hasher.report.ReportText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sites whose text once broke the check reports (issue 16, item 5). */
class HostileReportsTest {
    @TempDir
    Path temp;

    @Test
    void aTenMegabyteUnterminatedUrlIsCheckedFastAndQuotedShort() throws Exception {
        Path site = temp.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<link rel=stylesheet href=style.css>");
        Files.writeString(site.resolve("style.css"), "a{background:url(" + "x".repeat(10_000_000));
        long started = System.nanoTime();
        CheckResult result = new SiteChecker(CheckConfig.builder(site).build()).check();
        Path reports = temp.resolve("reports");
        List<Path> written = CheckReports.write(result, reports);
        String console = String.join("\n", CheckConsoleReport.lines(result));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("10 MB url(: " + millis + " ms, problems " + result.problems().size() + ", console "
                + console.length() + " chars, reports " + written.stream().map(this::size).toList());
        assertTrue(millis < 5_000, millis + " ms");
        for (Path report : written) {
            assertTrue(Files.size(report) < 100_000, report + ": " + Files.size(report) + " bytes");
        }
        assertTrue(console.length() < 10_000, console.length() + " chars in the log");
    }

    @Test
    void controlCharactersAndLoneSurrogatesGiveValidReports() throws Exception {
        Path site = temp.resolve("site");
        Files.createDirectories(site);
        // A %00 decodes to NUL in the missing path; raw controls and an escape sequence sit in the URLs themselves;
        // a UTF-16 page read as UTF-8 is full of NULs.
        Files.writeString(site.resolve("index.html"), "<a href=\"a%00b.html\">x</a><img src=\"x\u0001\u001b[31my.png\">"
                + "<a href=\"#\u0007\uFFFF\">bell</a><a href=\"%ED%A0%80.html\">lone</a>");
        Files.write(site.resolve("utf16.html"), "<img src=\"gone.png\">".getBytes(StandardCharsets.UTF_16LE));
        // A manifest may spell a lone surrogate as a JSON escape; the size report lists its file as removed.
        Path baseline = temp.resolve("manifest.json");
        Files.writeString(baseline, "{\"zddManifest\": 1, \"version\": \"1\", \"hash\": \"x\", \"digest\": \"SHA-256\","
                + " \"paths\": {}, \"files\": {\"img/\\ud800\\u0000.png\": {\"source\": \"img/\\ud800.png\","
                + " \"size\": 10, \"sha256\": \"" + "0".repeat(64) + "\"}}}");
        CheckResult result = new SiteChecker(CheckConfig.builder(site).baseline(new ManifestFileBaseline(baseline))
                .build()).check();
        assertTrue(result.problems().size() >= 4, result.problems().toString());
        assertEquals(1, result.sizes().removed().size(), result.sizes().removed().toString());
        Path reports = temp.resolve("reports");
        CheckReports.write(result, reports);
        ReportValidity.assertValid(reports, result.problems().size());
        for (String line : CheckConsoleReport.lines(result)) {
            assertEquals(line, ReportText.printable(line), "the log gets no control characters");
        }
    }

    @Test
    void aNameThatIsNotUtf8IsReportedWithItsBytesShown() throws Exception {
        Path site = temp.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<img src=\"caf%E9.png\">");
        RawNames.create(site, "caf\\351.png");
        CheckResult result = new SiteChecker(CheckConfig.builder(site).build()).check();
        assertEquals(List.of("caf\\xE9.png malformed", "index.html missing-asset"), result.problems().stream()
                .map(p -> p.file() + " " + p.code()).toList());
        CheckReports.write(result, temp.resolve("reports"));
        ReportValidity.assertValid(temp.resolve("reports"), 2);
    }

    private long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
