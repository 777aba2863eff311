package dev.zdd.plugin;

import org.apache.maven.plugin.logging.SystemStreamLog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mojo log that keeps what was logged at info, warn and error level, as "LEVEL message" lines. Fleet goals log
 * from one thread per host, as Maven's own log allows, so the lines must take concurrent adds.
 */
final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(CharSequence content) {
        lines.add("INFO " + content);
    }

    @Override
    public void warn(CharSequence content) {
        lines.add("WARN " + content);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        lines.add("WARN " + content);
    }

    @Override
    public void error(CharSequence content) {
        lines.add("ERROR " + content);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        lines.add("ERROR " + content);
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public void debug(CharSequence content) {
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
    }

    List<String> at(String level) {
        return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1))
                .toList();
    }
}
