package dev.zdd.it;

import dev.zdd.deploy.StagedRelease;
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Small generated sites, hashed as zdd:hash stages them: pages, styles and random images, different per n. */
final class GeneratedSites {
    private final Path work;

    GeneratedSites(Path work) {
        this.work = work;
    }

    /** A site of 170 files (pages, styles, 1.2 MB of images) that differs a little from one n to the next. */
    StagedRelease stage(int n) throws Exception {
        return stage(n, 30, 40_000);
    }

    /** 120 pages, 20 styles and {@code images} random images of {@code imageBytes} each, seeded by n. */
    StagedRelease stage(int n, int images, int imageBytes) throws Exception {
        Path site = work.resolve("site-" + n);
        Map<String, byte[]> files = new TreeMap<>();
        Random bytes = new Random(n);
        for (int i = 0; i < 120; i++) {
            files.put("p" + i + ".html", ("<link rel=stylesheet href=s" + (i % 20) + ".css><img src=i" + (i % images)
                    + ".png><p>page " + i + " of " + n).getBytes());
        }
        for (int i = 0; i < 20; i++) {
            files.put("s" + i + ".css", ("p{color:#" + (n % 10) + i + "}").getBytes());
        }
        for (int i = 0; i < images; i++) {
            byte[] image = new byte[imageBytes];
            bytes.nextBytes(image);
            files.put("i" + i + ".png", image);
        }
        files.put("index.html", ("<a href=p1.html>n " + n + "</a>").getBytes());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = site.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        Path out = work.resolve("staged-" + n);
        new AssetHasher(HasherConfig.builder(site, out).build()).run();
        return StagedRelease.read(out);
    }
}
