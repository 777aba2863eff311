package dev.zdd.deploy;

import dev.zdd.deploy.transport.LocalTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployLockTest {
    @TempDir
    Path root;

    /** Whoever finds a lock on their server reads owner.json next to the README: it must name the same fields. */
    @Test
    void theReadmeListsTheFieldsOwnerJsonHas() throws Exception {
        DeployLayout layout = new DeployLayout(root.toString());
        Actor actor = new Actor("tester", "testhost", ProcessHandle.current().pid(), "abc1234", "1.0", null);
        DeployLock lock = new DeployLock(new LocalTransport(root.toString()), layout);
        lock.acquire(actor, Duration.ofMinutes(30), Duration.ZERO, "deploy", line -> { });
        List<String> written = new ArrayList<>(FlatJson.read(
                Files.readString(Path.of(layout.lockOwner()))).keySet());
        lock.release();

        Matcher readme = Pattern.compile("/\\.zdd/lock/owner\\.json +the deploy lock: (.+)")
                .matcher(Files.readString(Path.of("..", "README.md")));
        assertTrue(readme.find(), "the README's server layout shows owner.json");
        assertEquals(written, Arrays.asList(readme.group(1).strip().split(", ")));
    }
}
