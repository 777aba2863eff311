package dev.zdd.deploy.ssh;

import dev.zdd.testing.OpenSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BouncyCastle is registered only when a connection negotiates an algorithm the JDK lacks, and zdd still offers
 * every algorithm sshj offers with it, in sshj's order; a connection that negotiates the JDK's AES-GCM warms it up
 * before large uploads ({@link AesGcmWarmUp}). Each case runs {@link BouncyCastleProbe} in a fresh JVM:
 * a security provider, once registered, stays for the JVM's life.
 */
class BouncyCastleOnDemandTest {
    /** The line a debug log shows for each connection. */
    private static final Pattern TIMINGS = Pattern.compile("^zdd: ssh://\\S+: connected in \\d+ ms: TCP and key"
            + " exchange \\d+ ms \\(\\S+\\), login \\d+ ms, SFTP session \\d+ ms ");

    @TempDir
    Path dir;

    @Test
    void aConnectionToOpenSshWithItsDefaultsNeverRegistersBouncyCastle() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"))) {
            List<String> output = assertConnects(sshd, "bouncycastle registered: false");
            // Not even loaded: reading a first class from bcprov's signed jar checks the whole jar's signature.
            assertEquals(List.of(), bouncyCastleClassesLoaded());
            assertTrue(output.contains("warms up large uploads: true"), String.join("\n", output));
            assertTrue(output.stream().anyMatch(TIMINGS.asPredicate().and(l -> l.contains("(aes"))),
                    "where the connection's time went, with the cipher: " + String.join("\n", output));
        }
    }

    @Test
    void aHostThatOnlyAllowsChaCha20Poly1305GetsItThroughBouncyCastle() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.startWithCiphers(dir.resolve("sshd"),
                "chacha20-poly1305@openssh.com")) {
            List<String> output = assertConnects(sshd, "bouncycastle registered: true");
            assertTrue(bouncyCastleClassesLoaded().stream().anyMatch(c -> c.contains(".BouncyCastleProvider ")));
            // The warm-up is for the JDK's AES-GCM; BouncyCastle's ChaCha20 is not warmed up.
            assertTrue(output.contains("warms up large uploads: false"), String.join("\n", output));
            assertTrue(output.stream().anyMatch(TIMINGS.asPredicate().and(l -> l.contains("(chacha20-poly1305"))),
                    String.join("\n", output));
        }
    }

    private List<String> assertConnects(OpenSshServer sshd, String bouncyCastle) throws Exception {
        List<String> output = probe("connect", "ssh://" + sshd.user() + "@" + sshd.host() + ":" + sshd.port() + dir,
                sshd.clientKey().toString(), sshd.knownHosts().toString());
        assertTrue(output.contains("connected"), String.join("\n", output));
        assertTrue(output.contains(bouncyCastle), String.join("\n", output));
        return output;
    }

    @Test
    void offersSshjsCiphersAndMacsInSshjsOrder() throws Exception {
        List<String> output = probe("algorithms");
        assertEquals(line(output, "sshj ciphers "), line(output, "zdd ciphers "));
        assertEquals(line(output, "sshj macs "), line(output, "zdd macs "));
    }

    private static String line(List<String> output, String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + output));
    }

    /** The classes of BouncyCastle's jars the last probe loaded, as the JVM logged them. */
    private List<String> bouncyCastleClassesLoaded() throws IOException {
        return Files.readAllLines(dir.resolve("classes.log")).stream()
                .filter(line -> line.contains(" org.bouncycastle.")).toList();
    }

    private List<String> probe(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load=info:file=" + dir.resolve("classes.log"), "-cp",
                System.getProperty("java.class.path"), BouncyCastleProbe.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("probe.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the probe did not finish");
        List<String> output = Files.readAllLines(log);
        assertEquals(0, process.exitValue(), String.join("\n", output));
        return output;
    }
}
