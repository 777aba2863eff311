package dev.zdd.hasher.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-encoding as URLs and SSH target URLs use it. */
public final class PercentEncoding {
    private PercentEncoding() {
    }

    /** Decodes %XX sequences as UTF-8; a malformed sequence stays as written, as browsers leave it. */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
                bytes.reset();
                while (i + 2 < s.length() && s.charAt(i) == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
                    bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 3;
                }
                out.append(bytes.toString(StandardCharsets.UTF_8));
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
