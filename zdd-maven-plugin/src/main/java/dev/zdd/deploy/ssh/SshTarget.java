package dev.zdd.deploy.ssh;

import dev.zdd.hasher.text.PercentEncoding;

/**
 * {@code ssh://user@host[:port]/absolute/path}. The path may hold spaces and shell metacharacters (percent-encoded
 * or not); it is quoted wherever a command uses it.
 */
public record SshTarget(String user, String host, int port, String path) {
    public static final String SCHEME = "ssh://";

    public static boolean isSsh(String target) {
        return target.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    public static SshTarget parse(String target) {
        if (!isSsh(target)) {
            throw new IllegalArgumentException("not an ssh:// target: " + target);
        }
        String rest = target.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("the target " + target + " needs an absolute path after the host,"
                    + " like ssh://deploy@example.com/srv/www/site");
        }
        String authority = rest.substring(0, slash);
        String path = PercentEncoding.decode(rest.substring(slash));
        String user = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            user = PercentEncoding.decode(authority.substring(0, at));
            authority = authority.substring(at + 1);
        }
        int port = 22;
        String host = authority;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the target " + target + " has no closing ']' after its IPv6"
                        + " address, like ssh://deploy@[2001:db8::5]:2222/srv/www");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                port = parsePort(after.substring(1), target);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("the target " + target + " has '" + after + "' after ']'; a port"
                        + " goes after a colon, like [::1]:2222");
            }
        } else if (authority.indexOf(':') != authority.lastIndexOf(':')) {
            // Unbracketed, "fe80::1:2222" cannot be split into address and port.
            throw new IllegalArgumentException("the target " + target + " holds an IPv6 address; put it in brackets,"
                    + " like ssh://deploy@[2001:db8::5]:2222/srv/www");
        } else if (authority.contains(":")) {
            host = authority.substring(0, authority.indexOf(':'));
            port = parsePort(authority.substring(authority.indexOf(':') + 1), target);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the target " + target + " names no host");
        }
        return new SshTarget(user, host, port, path);
    }

    private static int parsePort(String text, String target) {
        try {
            // Digits only: parseInt would take "+22" and "٢٢" (other scripts' digits).
            if (!text.matches("[0-9]{1,5}")) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + text + "' in " + target);
        }
    }

    /** The same target with {@code user} filled in when the URL had none. */
    public SshTarget withDefaultUser(String defaultUser) {
        return user != null ? this : new SshTarget(defaultUser, host, port, path);
    }

    /** How known_hosts names this host: {@code host}, or {@code [host]:port} off port 22. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    @Override
    public String toString() {
        return SCHEME + (user == null ? "" : user + "@") + host + (port == 22 ? "" : ":" + port) + path;
    }
}
