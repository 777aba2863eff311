package dev.zdd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's options for cold commands ("Faster cold commands"), as a user applies them: the command's first run
 * writes a class archive of what it loaded, later runs read it; with {@code c1Only}, every run also uses the JIT's
 * first tier only (faster for short and parsing-bound commands, slower for a large upload: the first tier has no
 * AES-GCM intrinsics). JDK 25 and later write an AOT cache (loaded and linked classes, method profiles), older JDKs
 * an AppCDS archive; the JVM ignores either when it no longer matches (another JDK, a changed jar). One archive per
 * command, as a CI job that runs the same command each time keeps it.
 *
 * @param archive the archive's file, written by the first run
 * @param c1Only  whether to add {@code -XX:TieredStopAtLevel=1}
 */
record FastStart(Path archive, boolean c1Only) {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** The JDK that writes an AOT cache in one run ({@code -XX:AOTCacheOutput}, JEP 514). */
    private static final int AOT_CACHE_JDK = 25;
    /** Without these the JVM lists every class it could not archive, on the command's output. */
    private static final String QUIET = "-Xlog:cds=off -Xlog:cds+dynamic=off";
    private static final String QUIET_AOT = "-Xlog:aot=off -Xlog:cds=off";
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+).*");

    /** Options whose archive is {@code <folder>/<name>.aot} or {@code .jsa}, after its kind. */
    static FastStart in(Path folder, String name, boolean c1Only) {
        return new FastStart(folder.resolve(name + (aotCache() ? ".aot" : ".jsa")), c1Only);
    }

    /** MAVEN_OPTS of the first run, which writes the archive. */
    String first() {
        return (aotCache() ? "-XX:AOTCacheOutput=" + archive + " " + QUIET_AOT
                : "-XX:ArchiveClassesAtExit=" + archive + " " + QUIET) + tier();
    }

    /** MAVEN_OPTS of every later run. */
    String later() {
        return (aotCache() ? "-XX:AOTCache=" + archive + " " + QUIET_AOT
                : "-XX:SharedArchiveFile=" + archive + " " + QUIET) + tier();
    }

    /** MAVEN_OPTS of a benchmark round: round 0, untimed, writes the archive; the measured ones read it. */
    String options(int round) {
        return round == 0 ? first() : later();
    }

    /** The options, as a figure's label shows them. */
    String label() {
        return "fast start (" + (aotCache() ? "AOT cache" : "AppCDS") + (c1Only ? " + C1)" : ")");
    }

    private String tier() {
        return c1Only ? " " + C1_ONLY : "";
    }

    private static boolean aotCache() {
        return mavenJdk() >= AOT_CACHE_JDK;
    }

    /**
     * The feature version of the JDK that Maven's wrapper runs: JAVA_HOME's (from its {@code release} file), else
     * the {@code java} on the PATH, which also runs this benchmark.
     */
    private static int mavenJdk() {
        String home = System.getenv("JAVA_HOME");
        if (home != null && !home.isBlank()) {
            try {
                for (String line : Files.readAllLines(Path.of(home, "release"))) {
                    Matcher m = JAVA_VERSION.matcher(line);
                    if (m.matches()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            } catch (IOException e) {
                // No release file: the JVM running this is the best guess.
            }
        }
        return Runtime.version().feature();
    }
}
