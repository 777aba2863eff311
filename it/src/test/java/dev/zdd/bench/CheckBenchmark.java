package dev.zdd.bench;

import dev.zdd.hasher.check.CheckConfig;
import dev.zdd.hasher.check.CheckResult;
import dev.zdd.hasher.check.SiteChecker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Link-checks a generated site of 2,000 pages, each with anchors, links to other pages' anchors, images with
 * srcsets and a stylesheet, and prints pages per second. The site is link-clean, so any problem is a bug.
 */
final class CheckBenchmark {
    static final int PAGES = 2000;
    private static final int IMAGES = 200;

    private CheckBenchmark() {
    }

    static void run(Path dir, int threads, int runs) throws IOException {
        Path site = dir.resolve("check-site-" + PAGES);
        if (!Files.isRegularFile(site.resolve("index.html"))) {
            generate(site);
        }
        List<Long> millis = new ArrayList<>();
        CheckResult result = null;
        for (int run = 0; run <= runs; run++) {
            long started = System.nanoTime();
            result = new SiteChecker(CheckConfig.builder(site).threads(threads).build()).check();
            if (run > 0) {
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
        }
        Collections.sort(millis);
        long median = millis.get(millis.size() / 2);
        System.out.println("zdd benchmark: check");
        System.out.printf(Locale.ROOT, "  site: %d pages, %d files, %d references%n", result.statistics().pages(),
                result.statistics().files(), result.statistics().references());
        System.out.printf(Locale.ROOT, "  link check: %.2f s, %.0f pages/s, %.0f references/s (median of %d)%n",
                median / 1000.0, result.statistics().pages() * 1000.0 / median,
                result.statistics().references() * 1000.0 / median, runs);
        System.out.printf(Locale.ROOT, "  problems: %d (the generated site is link-clean; expects 0)%n",
                result.problems().size());
        if (!result.problems().isEmpty()) {
            throw new IllegalStateException("CHECK FAILED: " + result.problems().get(0));
        }
    }

    /** Deterministic: the same pages every time. */
    private static void generate(Path site) throws IOException {
        SplittableRandom random = new SplittableRandom(2000);
        Files.createDirectories(site.resolve("img"));
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("css/site.css"), "body{background:url(../img/i0.png)}");
        for (int i = 0; i < IMAGES; i++) {
            byte[] bytes = new byte[512 + random.nextInt(4096)];
            random.nextBytes(bytes);
            Files.write(site.resolve("img/i" + i + ".png"), bytes);
        }
        for (int p = 0; p < PAGES; p++) {
            StringBuilder html = new StringBuilder(8192);
            html.append("<!doctype html><html lang=en><head><meta charset=utf-8><title>Page ").append(p)
                    .append("</title><link rel=stylesheet href=\"").append(p == 0 ? "" : "../".repeat(depth(p)))
                    .append("css/site.css\"></head><body><nav><a href=\"/\">home</a></nav>\n");
            for (int s = 0; s < 12; s++) {
                html.append("<h2 id=\"s").append(s).append("\">Section ").append(s).append("</h2>\n<p>");
                for (int w = 0; w < 40; w++) {
                    html.append("word").append(random.nextInt(1000)).append(' ');
                }
                int target = random.nextInt(PAGES);
                html.append("<a href=\"/").append(path(target)).append("#s").append(random.nextInt(12))
                        .append("\">see page ").append(target).append("</a> <a href=\"#s").append(random.nextInt(12))
                        .append("\">up</a></p>\n");
                int image = random.nextInt(IMAGES);
                html.append("<img src=\"/img/i").append(image).append(".png\" srcset=\"/img/i").append(image)
                        .append(".png 1x, /img/i").append((image + 1) % IMAGES).append(".png 2x\" alt=\"\">\n");
            }
            html.append("<a name=\"end\"></a></body></html>\n");
            Path file = site.resolve(path(p));
            Files.createDirectories(file.getParent());
            Files.writeString(file, html);
        }
    }

    private static int depth(int page) {
        return page == 0 ? 0 : 1;
    }

    /** Page 0 is the home page; the others live in folders of 100. */
    private static String path(int page) {
        return page == 0 ? "index.html" : "p" + (page / 100) + "/page" + page + ".html";
    }
}
