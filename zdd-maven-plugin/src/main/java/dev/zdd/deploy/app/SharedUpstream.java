package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.fleet.SharedSwitch;
import dev.zdd.deploy.transport.CommandFailedException;
import dev.zdd.deploy.transport.Host;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * App hosts behind load balancers that zdd does not deploy to: each balancer's nginx includes one file that lists
 * every app host's live slot. Once every host's new slot passed its gate, the file is rewritten to list the new
 * slots, checked with {@code nginx -t} and reloaded, on one balancer after the other; a balancer that refuses has
 * the ones before it put back, so traffic never reaches a mix of old and new fleets by zdd's doing.
 */
public final class SharedUpstream implements SharedSwitch {
    private static final String MARK = "# zdd: release ";

    /** A load balancer: its connection, the include zdd owns there, and how nginx is checked and reloaded. */
    public record Proxy(String name, Transport transport, String file, String nginxTest, String nginxReload,
                        String publicUrl) {
    }

    /** An app host as the balancer reaches it: {@code address} is its host name or IP as seen from there. */
    public record Member(String name, String address, AppPublisher publisher) {
    }

    private final List<Proxy> proxies;
    private final List<Member> members;
    private final Duration publicTimeout;
    private final List<Switched> switched = new ArrayList<>();

    private record Switched(Proxy proxy, byte[] previous) {
    }

    public SharedUpstream(List<Proxy> proxies, List<Member> members, Duration publicTimeout) {
        if (proxies.isEmpty() || members.isEmpty()) {
            throw new IllegalArgumentException("a shared proxy needs at least one proxy and one app host");
        }
        this.proxies = List.copyOf(proxies);
        this.members = List.copyOf(members);
        this.publicTimeout = publicTimeout;
    }

    /** The include for a release: a comment naming it, then one server line per app host's readied slot. */
    String include(String releaseId) {
        StringBuilder text = new StringBuilder(MARK).append(releaseId)
                .append(" (written by zdd; replaced at each switch)\n");
        for (Member member : members) {
            Slot slot = member.publisher().stagedSlot();
            text.append("server ").append(member.address()).append(':').append(member.publisher().stagedPort())
                    .append("; # ").append(member.name()).append(", slot ").append(slot.id()).append('\n');
        }
        return text.toString();
    }

    /** The release the include on a proxy names, or null when zdd has not written it yet. */
    public static String live(Transport transport, String file) throws IOException {
        String text;
        try {
            text = new String(transport.read(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        return text.startsWith(MARK) ? text.substring(MARK.length()).split("[ \n]", 2)[0] : null;
    }

    @Override
    public String switchAll(String releaseId) throws IOException, DeployException {
        byte[] content = include(releaseId).getBytes(StandardCharsets.UTF_8);
        List<String> done = new ArrayList<>();
        for (Proxy proxy : proxies) {
            try {
                byte[] previous = write(proxy, content, releaseId);
                switched.add(new Switched(proxy, previous));
                if (proxy.publicUrl() != null) {
                    String problem = new PublicCheck(proxy.publicUrl(), publicTimeout).problem(releaseId);
                    if (problem != null) {
                        throw new DeployException(Stage.SWITCHED, "after the switch of " + proxy.name() + ": "
                                + problem);
                    }
                }
                done.add(proxy.name() + " (" + proxy.file() + ")");
            } catch (IOException | DeployException | RuntimeException e) {
                String back = putBack();
                throw new DeployException(Stage.SWITCHED, "the shared proxy " + proxy.name() + " could not switch"
                        + " to " + releaseId + ": " + e.getMessage() + "; " + back, e);
            }
        }
        return "shared proxy switched to " + releaseId + " on " + String.join(", ", done) + ": " + members.size()
                + " app host(s), each on its new slot";
    }

    @Override
    public String switchBack() throws IOException, DeployException {
        String back = putBack();
        if (back.startsWith("COULD NOT")) {
            throw new DeployException(Stage.SWITCHED, back);
        }
        return back;
    }

    /** Puts back, newest first, every include this switch wrote; says what each proxy serves now. */
    private String putBack() {
        List<String> failures = new ArrayList<>();
        List<String> restored = new ArrayList<>();
        for (int i = switched.size() - 1; i >= 0; i--) {
            Switched one = switched.get(i);
            try {
                Host host = host(one.proxy());
                if (one.previous() == null) {
                    one.proxy().transport().removeTree(one.proxy().file());
                } else {
                    one.proxy().transport().writeAtomically(one.proxy().file(), one.previous());
                }
                host.run(one.proxy().nginxReload());
                restored.add(one.proxy().name());
            } catch (IOException | DeployException e) {
                failures.add(one.proxy().name() + ": " + e.getMessage());
            }
        }
        switched.clear();
        if (!failures.isEmpty()) {
            return "COULD NOT put the previous upstream back on " + String.join("; ", failures)
                    + (restored.isEmpty() ? "" : " (put back on " + String.join(", ", restored) + ")");
        }
        return restored.isEmpty() ? "no proxy had switched" : "the previous upstream is back on "
                + String.join(", ", restored);
    }

    /** Writes the include, checks nginx and reloads; on a refusal puts the previous file back and throws. */
    private byte[] write(Proxy proxy, byte[] content, String releaseId) throws IOException, DeployException {
        Host host = host(proxy);
        Transport transport = proxy.transport();
        byte[] previous;
        try {
            previous = transport.read(proxy.file());
        } catch (NoSuchFileException e) {
            previous = null;
        }
        transport.writeAtomically(proxy.file(), content);
        String command = proxy.nginxTest();
        try {
            host.run(command);
            command = proxy.nginxReload();
            host.run(command);
        } catch (CommandFailedException e) {
            if (previous == null) {
                transport.removeTree(proxy.file());
            } else {
                transport.writeAtomically(proxy.file(), previous);
            }
            throw new DeployException(Stage.SWITCHED, "'" + command + "' failed (exit " + e.exitStatus() + "): "
                    + e.errorOutput().strip() + "; its previous " + proxy.file() + " is back", e);
        }
        return previous;
    }

    private static Host host(Proxy proxy) throws IOException, DeployException {
        Host host = proxy.transport().host();
        if (host == null) {
            throw new DeployException(Stage.PLANNED, proxy.name() + " runs no commands ("
                    + proxy.transport().whyNoHost() + "), so its nginx cannot be reloaded; the proxy target needs a"
                    + " shell");
        }
        return host;
    }
}
