package dev.zdd.testing;

import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Stage;

import java.util.function.Consumer;

/**
 * A deploy listener that passes everything on to another and then runs an action after each stage: to cut a
 * connection, race a second deploy or wait for another host at a precise moment of a deploy.
 */
public final class StageHook {
    private StageHook() {
    }

    public static DeployListener after(DeployListener inner, Consumer<Stage> action) {
        return new DeployListener() {
            @Override
            public void stage(Stage stage, String detail) {
                inner.stage(stage, detail);
                action.accept(stage);
            }

            @Override
            public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
                inner.progress(files, totalFiles, bytes, totalBytes, elapsedMillis);
            }

            @Override
            public void info(String line) {
                inner.info(line);
            }

            @Override
            public void warn(String line) {
                inner.warn(line);
            }
        };
    }
}
