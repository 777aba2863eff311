package dev.zdd.deploy;

import java.util.Locale;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The commit being deployed: from CI variables, else from {@code git rev-parse HEAD}, else unknown (null). */
public final class GitCommit {
    private GitCommit() {
    }

    public static String detect(Path directory, Map<String, String> env) {
        for (String name : new String[]{"GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT", "BUILD_VCS_NUMBER"}) {
            String value = env.get(name);
            if (value != null && value.matches("[0-9a-fA-F]{7,64}")) {
                return value.toLowerCase(Locale.ROOT);
            }
        }
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(directory.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40,64}")) {
                return out;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
