package dev.zdd.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps what a deploy reported, for assertions. */
public final class RecordingListener implements DeployListener {
    public final List<Stage> stages = Collections.synchronizedList(new ArrayList<>());
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void stage(Stage stage, String detail) {
        stages.add(stage);
        lines.add(stage.id() + ": " + detail);
    }

    @Override
    public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
        lines.add("progress " + files + "/" + totalFiles);
    }

    @Override
    public void info(String line) {
        lines.add(line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }
}
