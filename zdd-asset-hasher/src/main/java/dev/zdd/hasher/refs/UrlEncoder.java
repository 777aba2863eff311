package dev.zdd.hasher.refs;

/**
 * Writes a URL back into the syntax it was read from (an HTML attribute, a CSS string, a JSON string, ...),
 * escaping what that syntax needs escaped. Encoders of nested syntaxes compose: CSS inside an HTML attribute is
 * first escaped for CSS, then for the attribute.
 */
@FunctionalInterface
public interface UrlEncoder {
    String encode(String url);

    UrlEncoder VERBATIM = url -> url;

    /** This encoder first, then {@code outer}. */
    default UrlEncoder then(UrlEncoder outer) {
        return url -> outer.encode(encode(url));
    }
}
