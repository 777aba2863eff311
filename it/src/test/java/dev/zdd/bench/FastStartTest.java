package dev.zdd.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users copy the README's compiler directives into a file the JVM reads at start-up, and a JVM that cannot read
 * them does not start at all: the block must stay what HotSpot accepts, with both of its entries.
 */
class FastStartTest {
    @Test
    void theReadmesCompilerDirectivesAreWhatTheJvmAccepts(@TempDir Path folder) throws Exception {
        FastStart fast = FastStart.in(folder, "probe", FastStart.Jit.FIRST_TIER_FAST_CRYPTO);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(Arrays.asList(fast.jitOptions().strip().split(" ")));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(1, TimeUnit.MINUTES), "java -version ended");
        assertEquals(0, java.exitValue(), output);
        assertTrue(output.contains("2 compiler directives added"), output);
    }
}
