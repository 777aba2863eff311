package dev.zdd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's options for cold commands ("Faster cold commands"), as a user applies them: the command's first run
 * writes a class archive of what it loaded, later runs read it, and every run may also choose how the JIT compiles
 * ({@link Jit}). JDK 25 and later write an AOT cache (loaded and linked classes, method profiles), older JDKs an
 * AppCDS archive; the JVM ignores either when it no longer matches (another JDK, a changed jar). One archive per
 * command, as a CI job that runs the same command each time keeps it.
 *
 * @param archive    the archive's file, written by the first run
 * @param jit        the JIT options added to every run
 * @param directives the compiler directives file {@link Jit#FIRST_TIER_FAST_CRYPTO} names
 */
record FastStart(Path archive, Jit jit, Path directives) {
    /** The JDK that writes an AOT cache in one run ({@code -XX:AOTCacheOutput}, JEP 514). */
    private static final int AOT_CACHE_JDK = 25;
    /** Without these the JVM lists every class it could not archive, on the command's output. */
    private static final String QUIET = "-Xlog:cds=off -Xlog:cds+dynamic=off";
    private static final String QUIET_AOT = "-Xlog:aot=off -Xlog:cds=off";
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+).*");
    /** The file name the README gives the directives, and after which it shows them in a json block. */
    private static final String DIRECTIVES_FILE = "zdd-jit.json";

    /** How the JIT compiles, besides the archive. */
    enum Jit {
        /** The JVM's default: both tiers. */
        ALL_TIERS(""),
        /** {@code -XX:TieredStopAtLevel=1}: the first tier only, without the JDK's SHA-256 and AES-GCM intrinsics. */
        FIRST_TIER(" + C1"),
        /**
         * The README's compiler directives: the first tier for everything but the JDK's digest and cipher code,
         * which the second tier compiles with its intrinsics.
         */
        FIRST_TIER_FAST_CRYPTO(" + C1, crypto C2");

        /** The choices that go with the archive in the figures of short commands and of hashing. */
        static final List<Jit> FIRST_TIERS = List.of(FIRST_TIER, FIRST_TIER_FAST_CRYPTO);

        private final String label;

        Jit(String label) {
            this.label = label;
        }
    }

    /**
     * Options for {@code command} whose archive is {@code <folder>/<command>-<jit>.aot} or {@code .jsa}, after its
     * kind; the README's compiler directives are written to {@code <folder>/zdd-jit.json} when {@code jit} names
     * them.
     */
    static FastStart in(Path folder, String command, Jit jit) throws IOException {
        Path directives = folder.resolve(DIRECTIVES_FILE);
        if (jit == Jit.FIRST_TIER_FAST_CRYPTO) {
            Files.writeString(directives, readmeDirectives());
        }
        String name = command + "-" + jit.name().toLowerCase(Locale.ROOT);
        return new FastStart(folder.resolve(name + (aotCache() ? ".aot" : ".jsa")), jit, directives);
    }

    /** MAVEN_OPTS of the first run, which writes the archive. */
    String first() {
        return (aotCache() ? "-XX:AOTCacheOutput=" + archive + " " + QUIET_AOT
                : "-XX:ArchiveClassesAtExit=" + archive + " " + QUIET) + jitOptions();
    }

    /** MAVEN_OPTS of every later run. */
    String later() {
        return (aotCache() ? "-XX:AOTCache=" + archive + " " + QUIET_AOT
                : "-XX:SharedArchiveFile=" + archive + " " + QUIET) + jitOptions();
    }

    /** MAVEN_OPTS of a benchmark round: round 0, untimed, writes the archive; the measured ones read it. */
    String options(int round) {
        return round == 0 ? first() : later();
    }

    /** The options, as a figure's label shows them. */
    String label() {
        return "fast start (" + (aotCache() ? "AOT cache" : "AppCDS") + jit.label + ")";
    }

    /** The JIT part of the options, each with a leading space; empty for the default. */
    String jitOptions() {
        return switch (jit) {
            case ALL_TIERS -> "";
            case FIRST_TIER -> " -XX:TieredStopAtLevel=1";
            case FIRST_TIER_FAST_CRYPTO -> " -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=" + directives;
        };
    }

    /**
     * The compiler directives as the README gives them (the json block after its first mention of
     * {@value #DIRECTIVES_FILE}), so that the benchmark measures what users copy.
     */
    private static String readmeDirectives() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int mention = readme.indexOf(DIRECTIVES_FILE);
        int start = mention < 0 ? -1 : readme.indexOf("```json\n", mention);
        int end = start < 0 ? -1 : readme.indexOf("```", start + 8);
        if (end < 0) {
            throw new IllegalStateException("the README shows no json block after '" + DIRECTIVES_FILE + "'");
        }
        return readme.substring(start + 8, end);
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
