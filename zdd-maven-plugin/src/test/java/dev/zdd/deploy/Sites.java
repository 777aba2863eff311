package dev.zdd.deploy;

import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Staged releases for deploy tests, made by the real hasher from small sites. */
final class Sites {
    private final Path work;
    private int count;

    Sites(Path work) {
        this.work = work;
    }

    /** Hashes a site of {@code files} (path to content) and returns the staged release. */
    StagedRelease stage(Map<String, String> files) {
        try {
            Path site = work.resolve("site-" + ++count);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = site.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            Path out = work.resolve("staged-" + count);
            new AssetHasher(HasherConfig.builder(site, out).build()).run();
            return StagedRelease.read(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page that loads a stylesheet, which loads an image; {@code version} changes the CSS only. */
    StagedRelease version(String version) {
        return stage(Map.of(
                "index.html", "<link rel=stylesheet href=css/app.css><img src=img/logo.png><p>home</p>",
                "about/index.html", "<a href=../>home</a>",
                "css/app.css", "/* " + version + " */ body{background:url(../img/bg.png)}",
                "img/bg.png", "background bytes",
                "img/logo.png", "logo bytes"));
    }
}
