package dev.zdd.deploy.transport;

/** Quoting for POSIX sh: every path that goes into a remote command goes through here. */
public final class Shell {
    private Shell() {
    }

    /** {@code s} as one sh word: single quotes, with each {@code '} written as {@code '\''}. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
