package dev.zdd.plugin;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DurationText;
import dev.zdd.deploy.GitCommit;
import dev.zdd.deploy.Stage;
import dev.zdd.hasher.text.ByteSize;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The goals that change a target ({@code zdd:deploy}, {@code zdd:deploy-app}, {@code zdd:rollback}): they take its
 * lock, log who did it, and report their stages. {@code zdd:unlock} only breaks the lock, so it has no lock timing.
 */
abstract class AbstractLockingMojo extends AbstractFleetMojo {
    /** How long the lock stays valid if its owner dies without releasing it: {@code 30m}. */
    @Parameter(property = "zdd.lockLease", defaultValue = "30m")
    String lockLease;

    /** How long to wait for a lock held by another deploy before failing: {@code 0s} fails at once. */
    @Parameter(property = "zdd.lockWait", defaultValue = "0s")
    String lockWait;

    private Actor actor;

    /** Who deploys: asked of git once per goal (git rev-parse is a process start). */
    Actor actor() {
        if (actor == null) {
            actor = detectActor();
        }
        return actor;
    }

    private Actor detectActor() {
        Path base = BuildDirectory.basedir(project);
        String version = project == null ? null : project.getVersion();
        return Actor.current(GitCommit.detect(base, System.getenv()), version, System.getenv());
    }

    Duration lease() {
        return DurationText.parse(lockLease, "zdd.lockLease");
    }

    Duration waitForLock() {
        return DurationText.parse(lockWait, "zdd.lockWait");
    }

    /** Stages and progress go to the build log. */
    DeployListener listener() {
        return listener("");
    }

    /** Stages and progress of one host of a fleet go to the build log, each line tagged with the host. */
    DeployListener listener(String host) {
        String tag = host.isEmpty() ? "" : "[" + host + "] ";
        return new DeployListener() {
            @Override
            public void stage(Stage stage, String detail) {
                String line = "zdd: " + tag + stage.id() + ": " + detail;
                if (stage == Stage.FAILED) {
                    getLog().error(line);
                } else {
                    getLog().info(line);
                }
            }

            @Override
            public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
                double seconds = Math.max(elapsedMillis, 1) / 1000.0;
                getLog().info(String.format(Locale.ROOT, "zdd: " + tag + "uploading %d/%d files, %s of %s, %s/s", files,
                        totalFiles, ByteSize.format(bytes), ByteSize.format(totalBytes),
                        ByteSize.format((long) (bytes / seconds))));
            }

            @Override
            public void info(String line) {
                getLog().info(tagged(line));
            }

            @Override
            public void warn(String line) {
                getLog().warn(tagged(line));
            }

            private String tagged(String line) {
                return tag.isEmpty() || !line.startsWith("zdd: ") ? tag + line : "zdd: " + tag + line.substring(5);
            }
        };
    }
}
