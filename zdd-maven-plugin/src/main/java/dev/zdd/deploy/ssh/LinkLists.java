package dev.zdd.deploy.ssh;

import dev.zdd.deploy.transport.Shell;
import dev.zdd.deploy.transport.Transport.Link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A release's hard links as lists the server links in one {@code cp -l} run per source release, instead of one tar
 * entry per link: writing thousands of link headers costs a cold JVM about half a second, a list of names almost
 * nothing. Only a link from a sibling folder under the same relative path can be listed (a reused or carried-over
 * file always is); any other link stays a tar link entry.
 *
 * <p>Each list travels in the tar stream as {@code .zdd/hardlinks/<source folder>}, its paths separated by NULs;
 * {@link #command} links them once the stream is unpacked and removes the lists.
 */
final class LinkLists {
    /** Where the lists are unpacked, inside the new release. */
    static final String FOLDER = ".zdd/hardlinks";
    /** A sibling folder the shell loop can name from a list's file name: a release id. */
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Map<String, ByteArrayOutputStream> bySource = new LinkedHashMap<>();
    private final List<Link> others = new ArrayList<>();

    /** @param prefix the new release's parent folder, with a trailing slash */
    LinkLists(List<Link> links, String prefix) {
        for (Link link : links) {
            String source = listable(link, prefix);
            if (source == null) {
                others.add(link);
            } else {
                ByteArrayOutputStream list = bySource.computeIfAbsent(source, s -> new ByteArrayOutputStream());
                list.writeBytes(link.path().getBytes(StandardCharsets.UTF_8));
                list.write(0);
            }
        }
    }

    /**
     * The shell that links every list, run in the new release's folder ({@code name}, beside the sources) after
     * unpacking; it fails (exit 1, cp saying why) when any link cannot be made, a file that exists included.
     */
    static String command(String name) {
        return "for f in " + FOLDER + "/*; do if [ -f \"$f\" ]; then"
                + " (cd -- \"../${f##*/}\" && xargs -0 -r cp -l --parents -t " + Shell.quote("../" + name)
                + " --) < \"$f\" || exit 1; fi; done && rm -rf " + FOLDER;
    }

    /** The source folder whose list takes {@code link}, or null when it must stay a tar link entry. */
    private static String listable(Link link, String prefix) {
        String existing = link.existing();
        if (!existing.startsWith(prefix)) {
            return null;
        }
        String relative = existing.substring(prefix.length());
        int slash = relative.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String source = relative.substring(0, slash);
        String path = relative.substring(slash + 1);
        return SOURCE.matcher(source).matches() && !source.contains("..") && path.equals(link.path())
                && plain(path) ? source : null;
    }

    /** A relative path cp cannot take anywhere else: no empty, {@code .} or {@code ..} segment, no NUL. */
    private static boolean plain(String path) {
        if (path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Each list's content (NUL-separated paths), by source folder. */
    Map<String, byte[]> lists() {
        Map<String, byte[]> lists = new LinkedHashMap<>();
        bySource.forEach((source, list) -> lists.put(source, list.toByteArray()));
        return lists;
    }

    /** The links no list takes, for tar link entries. */
    List<Link> others() {
        return others;
    }
}
