package dev.zdd.deploy;

import java.util.Objects;
import java.util.function.Consumer;
import dev.zdd.deploy.transport.Shell;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The deploy root's lock: a folder made with one atomic mkdir, holding owner.json (user, host, pid, git SHA,
 * action, started, expires, token). A held lock fails fast naming its owner; a lease that ran out may be broken;
 * only the owner (by the token it wrote) releases it.
 */
public final class DeployLock {
    private final Transport transport;
    private final DeployLayout layout;
    private final String token = UUID.randomUUID().toString();
    private boolean held;

    public DeployLock(Transport transport, DeployLayout layout) {
        this.transport = transport;
        this.layout = layout;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for a live holder to let go.
     *
     * @param log receives a line when an expired lock is broken, and one when it starts waiting
     */
    public void acquire(Actor actor, Duration lease, Duration wait, String action, Consumer<String> log)
            throws IOException, DeployException {
        transport.createDirectories(layout.state());
        Instant deadline = Instant.now().plus(wait);
        int vanished = 0;
        boolean announced = false;
        while (true) {
            if (tryCreate(actor, lease, action)) {
                held = true;
                return;
            }
            LockOwner owner = owner();
            if (owner == null && transport.kind(layout.lock()) == Transport.PathKind.MISSING && ++vanished <= 3) {
                // Released between our attempt and our look: try again at once.
                continue;
            }
            if (owner != null && owner.expired(Instant.now())) {
                log.accept("zdd: breaking the expired lock of " + owner.describe());
                breakExpired(owner);
                continue;
            }
            if (owner != null && owner.deadOnThisHost(actor.host())) {
                log.accept("zdd: breaking the lock of " + owner.describe() + ": that process no longer runs");
                breakExpired(owner);
                continue;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DeployException(Stage.LOCKED, "the deploy root " + transport.describe() + " is locked by "
                        + (owner == null ? "an unknown owner (owner.json is missing or unreadable)"
                        : owner.describe()) + "; wait for it (zdd.lockWait), or if that deploy is gone run: mvn"
                        + " zdd:unlock -Dzdd.target=" + Shell.quote(transport.describe()) + " -Dzdd.force=true");
            }
            if (!announced) {
                announced = true;
                log.accept("zdd: waiting up to " + wait.toSeconds() + " s for the lock held by "
                        + (owner == null ? "an unknown owner" : owner.describe()));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException(Stage.LOCKED, "interrupted while waiting for the lock");
            }
        }
    }

    /**
     * Writes owner.json into a fresh folder, then renames that folder to {@code lock}: the lock never exists
     * without its owner, and of two racing deploys the second rename fails because {@code lock} is not empty.
     */
    private boolean tryCreate(Actor actor, Duration lease, String action) throws IOException {
        String candidate = layout.state() + "/lock.new-" + token;
        transport.createDirectories(candidate);
        Instant now = Instant.now();
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("user", actor.user());
        owner.put("host", actor.host());
        owner.put("pid", actor.pid());
        owner.put("gitSha", actor.gitSha());
        owner.put("action", action);
        owner.put("started", now.toString());
        owner.put("expires", now.plus(lease).toString());
        owner.put("token", token);
        try {
            transport.writeAtomically(candidate + "/owner.json", FlatJson.write(owner).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Never leave the half-made lock behind: nothing else would ever remove it.
            try {
                transport.removeTree(candidate);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("cannot write the lock's owner file in " + layout.state() + " on "
                    + transport.describe() + ": " + cause + ("Failure".equals(cause.strip())
                    ? " (the SFTP server gives no reason; a full disk or a quota is the usual one)" : ""), e);
        }
        IOException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                transport.renameDirectory(candidate, layout.lock());
                return true;
            } catch (IOException e) {
                failure = e;
                if (transport.kind(layout.lock()) != Transport.PathKind.MISSING) {
                    transport.removeTree(candidate);
                    return false;
                }
                // The holder let go between our rename and our look: try once more.
            }
        }
        transport.removeTree(candidate);
        throw failure;
    }

    /**
     * Moves the expired lock aside (one rename, so of two deploys breaking it at once only one succeeds) and
     * puts it back if what was moved turns out to be a newer lock than the expired one.
     */
    private void breakExpired(LockOwner expired) throws IOException {
        String aside = layout.state() + "/lock.broken-" + token;
        try {
            transport.renameDirectory(layout.lock(), aside);
        } catch (IOException e) {
            return;
        }
        LockOwner moved;
        try {
            moved = LockOwner.parse(new String(transport.read(aside + "/owner.json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            moved = null;
        }
        if (moved != null && !Objects.equals(moved.token(), expired.token())) {
            try {
                transport.renameDirectory(aside, layout.lock());
                return;
            } catch (IOException e) {
                // Someone took the lock meanwhile; the moved one is gone either way.
            }
        }
        transport.removeTree(aside);
    }

    /** Releases the lock if this instance holds it, and only then. */
    public void release() throws IOException {
        if (!held) {
            return;
        }
        LockOwner owner = owner();
        if (owner != null && token.equals(owner.token())) {
            // One rename makes the lock vanish at once; removing it in place would leave, for a moment, a lock
            // folder without its owner file for another deploy to find.
            String released = layout.state() + "/lock.released-" + token;
            transport.renameDirectory(layout.lock(), released);
            transport.removeTree(released);
        }
        held = false;
    }

    public boolean held() {
        return held;
    }

    /** The lock's owner, or null when there is no lock or no readable owner file. */
    public LockOwner owner() throws IOException {
        try {
            return LockOwner.parse(new String(transport.read(layout.lockOwner()), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (transport.kind(layout.lockOwner()) == Transport.PathKind.MISSING) {
                return null;
            }
            throw e;
        }
    }

    /** Removes whatever lock there is; for {@code zdd:unlock}. */
    public static void breakLock(Transport transport, DeployLayout layout) throws IOException {
        transport.removeTree(layout.lock());
    }

    /** What owner.json says. */
    public record LockOwner(String user, String host, long pid, String gitSha, String action, Instant started,
                            Instant expires, String token) {
        static LockOwner parse(String json) throws IOException {
            Map<String, Object> f = FlatJson.read(json);
            try {
                return new LockOwner(String.valueOf(f.get("user")), String.valueOf(f.get("host")),
                        f.get("pid") instanceof Long pid ? pid : -1, (String) f.get("gitSha"),
                        (String) f.get("action"), Instant.parse((String) f.get("started")),
                        Instant.parse((String) f.get("expires")), (String) f.get("token"));
            } catch (RuntimeException e) {
                throw new IOException("unreadable lock owner: " + json, e);
            }
        }

        public boolean expired(Instant now) {
            return now.isAfter(expires);
        }

        /** Held by a process of this very host that has ended (a deploy stopped with Ctrl-C or killed). */
        boolean deadOnThisHost(String thisHost) {
            return host.equals(thisHost) && pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }

        public String describe() {
            return user + "@" + host + " (pid " + pid + (action == null ? "" : ", " + action)
                    + (gitSha == null ? "" : ", commit " + gitSha) + ") since " + started + ", lease until " + expires;
        }
    }
}
