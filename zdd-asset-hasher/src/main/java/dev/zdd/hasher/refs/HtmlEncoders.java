package dev.zdd.hasher.refs;

/** Escapes a URL for an HTML attribute value, according to how the original value was quoted. */
final class HtmlEncoders {
    private HtmlEncoders() {
    }

    /** {@code quote} is {@code '"'}, {@code '\''}, or {@code 0} for an unquoted value. */
    static UrlEncoder attribute(char quote) {
        return url -> {
            StringBuilder out = new StringBuilder(url.length() + 8);
            for (int i = 0; i < url.length(); i++) {
                char c = url.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append(quote == '\'' ? "\"" : "&quot;");
                    case '\'' -> out.append(quote == '"' ? "'" : "&#39;");
                    case '<', '>', '=', '`', ' ', '\t', '\n', '\r', '\f' -> {
                        if (quote == 0) {
                            out.append("&#").append((int) c).append(';');
                        } else {
                            out.append(c);
                        }
                    }
                    default -> out.append(c);
                }
            }
            return out.toString();
        };
    }
}
