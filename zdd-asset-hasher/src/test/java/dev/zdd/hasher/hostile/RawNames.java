package dev.zdd.hasher.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Files whose names hold bytes that are not UTF-8, as Linux allows. Java cannot write such a name (its strings
 * encode as UTF-8), so the shell does, from an ASCII-only printf format: {@code caf\\351.png} is Latin-1 "café".
 */
public final class RawNames {
    private RawNames() {
    }

    /** Creates the file {@code folder}/(printf {@code printfName}), and its folders, holding one byte. */
    public static void create(Path folder, String printfName) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        String script = "n=\"$(printf '" + printfName + "')\" && mkdir -p \"$(dirname \"$n\")\" && printf x > \"$n\"";
        Process shell = new ProcessBuilder("/bin/sh", "-c", script)
                .directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes());
        if (!shell.waitFor(10, TimeUnit.SECONDS) || shell.exitValue() != 0) {
            throw new IOException("could not create " + printfName + " in " + folder + ": " + output);
        }
    }
}
