package dev.zdd.hasher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans kept whole from reading to writing only while there is room; the rest are made again, with the same result. */
class ReadAgainTest {
    @TempDir
    Path temp;

    private void writeSite() {
        new TestSite(temp.resolve("site"))
                .file("index.html", "<p>caf\u00e9 \uD83D\uDE00</p><img src=\"img/a.png\"><link rel=stylesheet href=css/a.css>")
                .file("css/a.css", "/* \u00fc */ a{background:url(../img/a.png)} b{background:url(b.css)}")
                .file("css/b.css", "b{background:url(a.css)}")
                .file("latin1.html", new byte[] {'<', 'p', '>', (byte) 0xE9, '<', 'i', 'm', 'g', ' ', 's', 'r', 'c',
                        '=', 'i', 'm', 'g', '/', 'a', '.', 'p', 'n', 'g', '>'})
                .file("js/app.js", "console.log(1)\n//# sourceMappingURL=app.js.map\n")
                .file("js/app.js.map", "{\"version\":3,\"sources\":[],\"mappings\":\"\"}")
                .file("img/a.png", new byte[] {1, 2, 3});
    }

    @Test
    void readingAgainGivesTheSameReleaseAsKeepingTheText() throws Exception {
        writeSite();
        HasherConfig.Builder kept = HasherConfig.builder(temp.resolve("site"), temp.resolve("kept"));
        HasherConfig.Builder again = HasherConfig.builder(temp.resolve("site"), temp.resolve("again"));
        HashResult a = new AssetHasher(kept.build(), Long.MAX_VALUE).run();
        HashResult b = new AssetHasher(again.build(), 0).run();
        assertEquals(a.manifest(), b.manifest());
        Map<String, byte[]> ta = TestSite.tree(temp.resolve("kept"));
        Map<String, byte[]> tb = TestSite.tree(temp.resolve("again"));
        assertEquals(ta.keySet(), tb.keySet());
        ta.forEach((path, bytes) -> assertArrayEquals(bytes, tb.get(path), path));
        assertTrue(a.statistics().rewritten() > 0 && a.statistics().cycles() == 1);
    }

    @Test
    void aFileChangedBetweenReadingAndWritingIsAnError() throws Exception {
        writeSite();
        Path css = temp.resolve("site/css/a.css");
        var file = new dev.zdd.hasher.site.SiteFile("css/a.css", css, Files.size(css),
                dev.zdd.hasher.site.FileType.of("css/a.css", false), true);
        byte[] bytes = Files.readAllBytes(css);
        PlannedFile plan = PlannedFile.full(file, dev.zdd.hasher.site.TextCodec.UTF_8, bytes, List.of(), List.of())
                .light();
        assertArrayEquals(bytes, plan.readAgain());
        Files.writeString(css, "a{background:url(../img/b.png)}", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, plan::readAgain);
        assertTrue(e.getMessage().contains("css/a.css changed while it was being hashed"), e.getMessage());
    }
}
