package dev.zdd.deploy.ssh;

/** Quoting for POSIX sh: every path that goes into a remote command goes through here. */
final class Shell {
    private Shell() {
    }

    /** {@code s} as one sh word: single quotes, with each {@code '} written as {@code '\''}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
