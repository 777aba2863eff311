package dev.zdd.plugin;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zdd:hash} configured by the plugin-testing harness from the generated plugin descriptor, as Maven would:
 * defaults, {@code ${basedir}} expressions and type conversion included. The site is a real folder in
 * {@link TempDir}; the harness's project is pointed at it by {@link TestProject}.
 *
 * <p>{@code siteDirectory} is configured to its own default: the harness reads {@code plugin.xml} through a filter
 * that replaces {@code ${basedir}} in default values with the test's base directory (this module), so a default
 * never sees the project's basedir. Configured values are evaluated against the project, as in a build.
 */
@MojoTest
@MojoParameter(name = "siteDirectory", value = "${basedir}/src/main/site")
class HashMojoTest {
    static final String INDEX = """
            <!doctype html>
            <html>
            <head>
              <link rel="stylesheet" href="css/a.css">
            </head>
            <body><h1>zdd</h1></body>
            </html>
            """;
    static final String CSS = "body { background: url(../img/x.png) no-repeat; }\n";
    /** Not a real image: zdd hashes bytes, it does not decode them. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4, 5};

    @TempDir
    Path temp;

    /** The harness's project, also what the mojos get for {@code ${project}}. */
    @Inject
    MavenProject project;

    TestProject test;

    @BeforeEach
    void pointTheProjectAtTheTemporaryFolder() {
        test = TestProject.in(temp, project);
    }

    private void writeSite() {
        test.siteFile("index.html", INDEX).siteFile("css/a.css", CSS).siteFile("img/x.png", PNG);
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    void hashesTheSiteIntoTheConfiguredOutputFolder(HashMojo mojo) throws Exception {
        writeSite();
        assertSame(project, mojo.project, "the harness injects its project for ${project}");

        mojo.execute();

        Path out = temp.resolve("out");
        // Hashes computed here from the expected final contents, not taken from zdd's manifest.
        String png = "img/x." + TestProject.sha256(PNG, 8) + ".png";
        String css = CSS.replace("img/x.png", png);
        String cssPath = "css/a." + TestProject.sha256(css.getBytes(StandardCharsets.UTF_8), 8) + ".css";
        assertEquals(List.of(".zdd/manifest.json", cssPath, png, "index.html"), TestProject.files(out));
        assertArrayEquals(PNG, TestProject.bytes(out.resolve(png)));
        assertEquals(css, TestProject.read(out.resolve(cssPath)));
        assertEquals(INDEX.replace("href=\"css/a.css\"", "href=\"" + cssPath + "\""),
                TestProject.read(out.resolve("index.html")));
        String manifest = TestProject.read(out.resolve(".zdd/manifest.json"));
        assertTrue(manifest.contains("\"css/a.css\"") && manifest.contains("\"" + cssPath + "\""), manifest);

        assertEquals(out.toFile(), project.getContextValue(HashMojo.HASHED_DIRECTORY),
                "zdd:check finds the staged release through the project context");
        assertEquals(List.of("css/a.css", "img/x.png", "index.html"),
                TestProject.files(test.site()), "the site folder is left as it was");
        assertEquals(INDEX, TestProject.read(test.site().resolve("index.html")));
        assertEquals(List.of("out", "src"), children(temp), "nothing else is written, no staging folder is left");
    }

    private static List<String> children(Path folder) throws java.io.IOException {
        try (var list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @InjectMojo(goal = "hash")
    void withoutAnOutputDirectoryTheReleaseGoesToTheBuildFolder(HashMojo mojo) throws Exception {
        writeSite();
        assertNull(mojo.outputDirectory);

        mojo.execute();

        Path out = temp.resolve("target/zdd/site");
        assertTrue(Files.isRegularFile(out.resolve(".zdd/manifest.json")), TestProject.files(temp).toString());
        assertTrue(TestProject.files(out).contains("img/x." + TestProject.sha256(PNG, 8) + ".png"),
                TestProject.files(out).toString());
        assertEquals(out.toFile(), project.getContextValue(HashMojo.HASHED_DIRECTORY));
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    void unconfiguredListsMeanTheDefaultExcludesAndIgnores(HashMojo mojo) throws Exception {
        writeSite();
        test.siteFile("favicon.ico", new byte[] {0, 0, 1, 0}).siteFile(".DS_Store", new byte[] {1})
                .siteFile("img/.DS_Store", new byte[] {2});

        mojo.execute();

        List<String> out = TestProject.files(temp.resolve("out"));
        assertTrue(out.contains("favicon.ico"), "favicon.ico keeps its name (default excludes): " + out);
        assertFalse(out.stream().anyMatch(f -> f.endsWith(".DS_Store")), "default ignores: " + out);
        assertTrue(out.contains("img/x." + TestProject.sha256(PNG, 8) + ".png"), "default assets: " + out);
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    @MojoParameter(name = "linkFiles", value = "true")
    void linkFilesTrueHardLinksImagesFromTheSite(HashMojo mojo) throws Exception {
        writeSite();

        mojo.execute();

        Path staged = temp.resolve("out/img/x." + TestProject.sha256(PNG, 8) + ".png");
        assertTrue(Files.isSameFile(staged, temp.resolve("src/main/site/img/x.png")), "linked, not copied");
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    void byDefaultImagesAreCopiedSoTheStagedReleaseSharesNothingWithTheSite(HashMojo mojo) throws Exception {
        writeSite();

        mojo.execute();

        Path staged = temp.resolve("out/img/x." + TestProject.sha256(PNG, 8) + ".png");
        assertFalse(Files.isSameFile(staged, temp.resolve("src/main/site/img/x.png")), "copied");
        assertArrayEquals(PNG, Files.readAllBytes(staged));
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    @MojoParameter(name = "hashLength", value = "12")
    void hashLengthSetsTheLengthOfTheHashInNames(HashMojo mojo) throws Exception {
        writeSite();

        mojo.execute();

        assertTrue(Files.isRegularFile(temp.resolve("out/img/x." + TestProject.sha256(PNG, 12) + ".png")),
                TestProject.files(temp.resolve("out")).toString());
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesNothing(HashMojo mojo) throws Exception {
        writeSite();
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertEquals(List.of("src/main/site/css/a.css", "src/main/site/img/x.png", "src/main/site/index.html"),
                TestProject.files(temp), "nothing but the site itself");
        assertNull(project.getContextValue(HashMojo.HASHED_DIRECTORY));
        assertEquals(List.of("INFO zdd: skipped (zdd.skip)"), log.lines);
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    @MojoParameter(name = "onMissing", value = "html=fail")
    void aMissingAssetFailsWithFileLineAndColumnWhenHtmlIsSetToFail(HashMojo mojo) {
        String index = INDEX.replace("css/a.css", "css/gone.css");
        test.siteFile("index.html", index).siteFile("img/x.png", PNG);
        String line = index.lines().toList().get(3);
        String where = "index.html:4:" + (line.indexOf("css/gone.css") + 1);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(where), e.getMessage());
        assertTrue(e.getMessage().contains("css/gone.css"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out")), "nothing is written");
        assertNull(project.getContextValue(HashMojo.HASHED_DIRECTORY));
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    void aMissingAssetOnlyWarnsByDefault(HashMojo mojo) throws Exception {
        String index = INDEX.replace("css/a.css", "css/gone.css");
        test.siteFile("index.html", index);
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        String where = "index.html:4:" + (index.lines().toList().get(3).indexOf("css/gone.css") + 1);
        assertEquals(1, log.at("WARN").size(), log.lines.toString());
        assertTrue(log.at("WARN").get(0).startsWith(where + ": warning: "), log.lines.toString());
        assertEquals(index, TestProject.read(temp.resolve("out/index.html")), "the reference is kept as written");
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    @MojoParameter(name = "hashLength", value = "4")
    void anInvalidHashLengthFailsWithAClearMessage(HashMojo mojo) {
        writeSite();

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("hashLength"), e.getMessage());
        assertTrue(e.getMessage().contains("between 8 and 64"), e.getMessage());
        assertTrue(e.getMessage().contains("was 4"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out")));
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    void anOutputFolderWithForeignFilesIsRefusedAndLeftAlone(HashMojo mojo) throws Exception {
        writeSite();
        Path foreign = temp.resolve("out/notes.txt");
        TestProject.write(foreign, "not written by zdd".getBytes(StandardCharsets.UTF_8));

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(temp.resolve("out").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("did not write"), e.getMessage());
        assertEquals(List.of("notes.txt"), TestProject.files(temp.resolve("out")));
        assertEquals("not written by zdd", TestProject.read(foreign));
        assertNull(project.getContextValue(HashMojo.HASHED_DIRECTORY));
    }

    @Test
    @InjectMojo(goal = "hash")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/out")
    void aPreviousReleaseIsReplaced(HashMojo mojo) throws Exception {
        writeSite();
        mojo.execute();
        List<String> first = TestProject.files(temp.resolve("out"));
        test.siteFile("img/x.png", new byte[] {9, 9, 9});

        mojo.execute();

        List<String> second = TestProject.files(temp.resolve("out"));
        assertTrue(second.contains("img/x." + TestProject.sha256(new byte[] {9, 9, 9}, 8) + ".png"),
                second.toString());
        assertFalse(second.contains("img/x." + TestProject.sha256(PNG, 8) + ".png"), "the old release is gone");
        assertEquals(first.size(), second.size());
        assertEquals(List.of("out", "src"), children(temp), "no staging or old folder is left behind");
    }
}
