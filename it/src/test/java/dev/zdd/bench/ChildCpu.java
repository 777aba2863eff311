package dev.zdd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time that processes spent in their children which they have waited for, from {@code /proc/<pid>/stat}
 * (cutime + cstime): this JVM's for the {@code mvn} processes it ran, an sshd listener's for the sessions it served.
 * Summed, they say how much CPU a deploy cost on this machine, client and servers together.
 */
final class ChildCpu {
    private final long ticksPerSecond;

    private ChildCpu(long ticksPerSecond) {
        this.ticksPerSecond = ticksPerSecond;
    }

    static ChildCpu open() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes()).strip();
        if (!getconf.waitFor(10, TimeUnit.SECONDS) || getconf.exitValue() != 0 || !out.matches("\\d+")) {
            throw new IOException("getconf CLK_TCK failed: " + out);
        }
        return new ChildCpu(Long.parseLong(out));
    }

    /** Milliseconds of CPU the waited-for children of {@code pid} used so far. */
    long childMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return ticks * 1000 / ticksPerSecond;
    }
}
