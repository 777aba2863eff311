package dev.zdd.hasher.naming;

import dev.zdd.hasher.site.UrlResolver;
import dev.zdd.hasher.text.PercentEncoding;

import java.nio.charset.StandardCharsets;

/**
 * Where the hash goes in a name: before the last extension ({@code app.css} becomes {@code app.1a2b3c4d.css}), or
 * at the end of a name without one. The same rule rewrites URLs, touching only their last path segment so that
 * relative stays relative, root-relative stays root-relative, and query and fragment stay as written.
 */
public final class HashedName {
    private HashedName() {
    }

    /** {@code name} with {@code hash} inserted. */
    public static String of(String name, String hash) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + "." + hash : name.substring(0, dot) + "." + hash + name.substring(dot);
    }

    /** {@code url} with the file name of its path replaced by {@code hashedName}, encoded the way the URL was. */
    public static String inUrl(String written, String hashedName, String hash) {
        // UrlResolver strips surrounding whitespace, as browsers do; keep it as written around the URL.
        String url = written.strip();
        int lead = written.indexOf(url);
        if (url.length() != written.length()) {
            return written.substring(0, lead) + inUrl(url, hashedName, hash)
                    + written.substring(lead + url.length());
        }
        int end = url.length();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int segmentStart = lastSeparatorEnd(url, end);
        String segment = url.substring(segmentStart, end);
        String candidate = of(segment, hash);
        if (!PercentEncoding.decode(candidate).equals(hashedName)) {
            // The name itself is written in a way the hash cannot be slotted into (an encoded dot, say).
            candidate = percentEncode(hashedName);
        }
        return url.substring(0, segmentStart) + candidate + url.substring(end);
    }

    /**
     * Where the last path segment of {@code url} (up to {@code end}) starts. Folders are separated by a slash, a
     * backslash, or either of them percent-encoded ({@code %2F}, {@code %5C}): UrlResolver decodes before it splits,
     * as servers do. Everything before the segment stays exactly as written.
     */
    private static int lastSeparatorEnd(String url, int end) {
        for (int i = end - 1; i >= 0; i--) {
            char c = url.charAt(i);
            if (c == '/' || c == '\\') {
                return i + 1;
            }
            if (c == '%' && i + 2 < end && (url.regionMatches(true, i, "%2F", 0, 3)
                    || url.regionMatches(true, i, "%5C", 0, 3))) {
                return i + 3;
            }
        }
        return 0;
    }

    /**
     * Encodes what may not stand in a URL path segment; non-ASCII becomes UTF-8 percent escapes. A colon is encoded
     * too: a relative URL such as {@code a.1a2b.data:x} would otherwise read as one with the scheme
     * {@code a.1a2b.data}.
     */
    static String percentEncode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
