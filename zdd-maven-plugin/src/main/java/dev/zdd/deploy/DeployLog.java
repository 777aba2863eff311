package dev.zdd.deploy;

import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code .zdd/deploys.jsonl}: one JSON object a line per deploy and rollback, appended, never rewritten. */
public final class DeployLog {
    private final Transport transport;
    private final DeployLayout layout;

    public DeployLog(Transport transport, DeployLayout layout) {
        this.transport = transport;
        this.layout = layout;
    }

    /**
     * @param action   deploy or rollback
     * @param outcome  success or failed
     * @param stage    the stage reached (the failing one on failure)
     */
    public record Entry(String time, String action, String release, String previous, String gitSha, String who,
                        String outcome, String stage, long durationMillis, String message) {

        Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("time", time);
            f.put("action", action);
            f.put("release", release);
            f.put("previous", previous);
            f.put("gitSha", gitSha);
            f.put("who", who);
            f.put("outcome", outcome);
            f.put("stage", stage);
            f.put("durationMs", durationMillis);
            f.put("message", message);
            return f;
        }

        static Entry of(Map<String, Object> f) {
            return new Entry(str(f, "time"), str(f, "action"), str(f, "release"), str(f, "previous"),
                    str(f, "gitSha"), str(f, "who"), str(f, "outcome"), str(f, "stage"),
                    f.get("durationMs") instanceof Long l ? l : 0, str(f, "message"));
        }

        private static String str(Map<String, Object> f, String name) {
            Object value = f.get(name);
            return value == null ? null : value.toString();
        }

        public boolean succeeded() {
            return "success".equals(outcome);
        }
    }

    public void append(Entry entry) throws IOException {
        transport.createDirectories(layout.state());
        transport.append(layout.log(), (FlatJson.write(entry.fields()) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Every entry, oldest first; unreadable lines (a crash mid-append) are skipped. */
    public List<Entry> entries() throws IOException {
        String text;
        try {
            text = new String(transport.read(layout.log()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(Entry.of(FlatJson.read(line)));
            } catch (IOException e) {
                // A torn last line from an interrupted append; the rest of the log is still good.
            }
        }
        return entries;
    }
}
