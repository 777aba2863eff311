package dev.zdd.hasher.site;

import dev.zdd.hasher.text.PercentEncoding;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides what a URL written in a site file points to: a file of the site, something else on the web, or a
 * place on the site's own host that lies outside the site's base path.
 */
public final class UrlResolver {
    private final String basePath;
    /** The base path without its leading slash: "" or "docs/", the start of a site path on the host. */
    private final String baseFolder;
    private final List<String> siteOrigins;
    /** Pages of one folder repeat the same URLs; a target depends only on the URL and the folder it is in. */
    private static final int CACHE_LIMIT = 1 << 16;
    private final ConcurrentHashMap<Query, Target> resolved =
            new ConcurrentHashMap<>(1 << 14);

    /** A cache key: a joined string could collide, since folder names and URLs may both hold any separator. */
    private record Query(String folder, String url) {
    }

    /**
     * @param basePath    the URL path the site is served under, such as {@code /} or {@code /docs/}
     * @param siteOrigins absolute URL prefixes that mean this site, such as {@code https://example.com}
     */
    public UrlResolver(String basePath, List<String> siteOrigins) {
        this.basePath = SiteOptions.normalizedBasePath(basePath);
        this.baseFolder = this.basePath.substring(1);
        this.siteOrigins = siteOrigins.stream()
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    public String basePath() {
        return basePath;
    }

    /** Resolves {@code url} written in the file at site path {@code source}. */
    public Target resolve(String source, String url) {
        String folder = url.startsWith("/") ? "" : source.substring(0, source.lastIndexOf('/') + 1);
        Query key = new Query(folder, url);
        Target target = resolved.get(key);
        if (target == null) {
            target = resolveUncached(folder + "x", url);
            if (resolved.size() >= CACHE_LIMIT) {
                // Bounded, crudely: a large site's links would otherwise fill a small heap with one entry each.
                resolved.clear();
            }
            resolved.put(key, target);
        }
        return target;
    }

    /**
     * Resolves {@code url} written in the page at {@code source} whose {@code <base href>} is {@code baseHref}
     * (null for none): relative URLs resolve against the base, as browsers do. A base on another host makes them
     * external; a base outside the site's base path puts them outside it.
     */
    public Target resolve(String source, String baseHref, String url) {
        String u = url.strip();
        if (baseHref == null || u.startsWith("//") || hasScheme(u)) {
            return resolve(source, url);
        }
        Target base = resolve(source, baseHref);
        if (base.kind() == Target.Kind.EXTERNAL) {
            return Target.external();
        }
        if (u.startsWith("/")) {
            return resolve(source, url);
        }
        if (base.kind() == Target.Kind.OUTSIDE) {
            return Target.outside(u);
        }
        String folder = base.directory() ? (base.path().isEmpty() ? "" : base.path() + "/")
                : base.path().substring(0, base.path().lastIndexOf('/') + 1);
        return resolve(folder + "x", url);
    }

    private Target resolveUncached(String source, String url) {
        String u = url.strip();
        if (u.isEmpty() || u.startsWith("#") || u.startsWith("?")) {
            return Target.external();
        }
        if (u.startsWith("//") || hasScheme(u)) {
            String onSite = stripSiteOrigin(u);
            if (onSite == null) {
                return Target.external();
            }
            u = onSite;
        }
        int end = firstOf(u, '?', '#');
        String rawPath = u.substring(0, end);
        int hash = u.indexOf('#');
        String fragment = hash < 0 ? null : PercentEncoding.decode(u.substring(hash + 1));
        String path = PercentEncoding.decode(rawPath).replace('\\', '/');
        // Resolve dot segments on the whole path on the host before comparing it with the base path, as browsers
        // do: "/docs/../docs/a.png" and, from a page at /docs/, "../docs/a.png" both name /docs/a.png.
        int slash = source.lastIndexOf('/');
        String onHost = path.startsWith("/") ? path
                : basePath + (slash < 0 ? "" : source.substring(0, slash + 1)) + path;
        String absolute = normalize(onHost);
        if (absolute == null || !inBasePath(absolute)) {
            return Target.outside(path);
        }
        int baseLength = basePath.length() - 1;
        String normalized = absolute.length() >= baseLength ? absolute.substring(baseLength) : "";
        boolean directory = normalized.isEmpty() || path.endsWith("/") || path.endsWith("/.")
                || path.endsWith("/..") || path.equals(".") || path.equals("..");
        return new Target(Target.Kind.LOCAL, normalized, fragment, directory);
    }

    /** Whether {@code absolute + "/"} starts with {@link #baseFolder}, without joining them. */
    private boolean inBasePath(String absolute) {
        int length = baseFolder.length();
        if (absolute.length() >= length) {
            return absolute.startsWith(baseFolder);
        }
        return absolute.length() == length - 1 && baseFolder.charAt(length - 1) == '/'
                && baseFolder.startsWith(absolute);
    }

    private String stripSiteOrigin(String u) {
        String lower = u.toLowerCase(Locale.ROOT);
        for (String origin : siteOrigins) {
            String withoutScheme = origin.substring(origin.indexOf("//"));
            for (String prefix : List.of(origin, withoutScheme)) {
                if (lower.startsWith(prefix) && (lower.length() == prefix.length()
                        || "/?#".indexOf(lower.charAt(prefix.length())) >= 0)) {
                    String rest = u.substring(prefix.length());
                    return rest.startsWith("/") ? rest : "/" + rest;
                }
            }
        }
        return null;
    }

    /** Whether {@code u} starts with a URL scheme such as {@code https:} or {@code data:}. */
    private static boolean hasScheme(String u) {
        if (u.isEmpty() || !isAsciiLetter(u.charAt(0))) {
            return false;
        }
        for (int i = 1; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!(isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-')) {
                return false;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Resolves dot segments of an absolute path; null when the path climbs above the root. */
    private static String normalize(String path) {
        if (path.indexOf("/.") < 0 && path.indexOf("//") < 0) {
            // No dot or empty segments (the common case): only the leading and trailing slash go.
            int end = path.endsWith("/") && path.length() > 1 ? path.length() - 1 : path.length();
            return path.substring(1, Math.max(1, end));
        }
        // Segments are joined into one builder as they come; a ".." cuts the builder back to where its segment began.
        StringBuilder out = new StringBuilder(path.length());
        int[] starts = new int[8];
        int depth = 0;
        int from = 0;
        while (from <= path.length()) {
            int slash = path.indexOf('/', from);
            int to = slash < 0 ? path.length() : slash;
            int length = to - from;
            if (length == 2 && path.charAt(from) == '.' && path.charAt(from + 1) == '.') {
                if (depth == 0) {
                    return null;
                }
                depth--;
                out.setLength(depth == 0 ? 0 : starts[depth] - 1);
            } else if (length > 0 && !(length == 1 && path.charAt(from) == '.')) {
                if (depth == starts.length) {
                    starts = Arrays.copyOf(starts, depth * 2);
                }
                if (depth > 0) {
                    out.append('/');
                }
                starts[depth++] = out.length();
                out.append(path, from, to);
            }
            from = to + 1;
        }
        return out.toString();
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j < 0 ? s.length() : j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    /**
     * @param kind      LOCAL: a file or folder of the site; EXTERNAL: elsewhere (or no file at all, like
     *                  {@code data:} and {@code #top}); OUTSIDE: the site's host but not under its base path
     * @param path      site-relative path for LOCAL ({@code ""} is the site root); the path as written otherwise
     * @param fragment  decoded fragment, or null
     * @param directory whether the URL names a folder ({@code docs/}) rather than a file
     */
    public record Target(Kind kind, String path, String fragment, boolean directory) {
        public enum Kind { LOCAL, EXTERNAL, OUTSIDE }

        static Target external() {
            return new Target(Kind.EXTERNAL, "", null, false);
        }

        static Target outside(String path) {
            return new Target(Kind.OUTSIDE, path, null, false);
        }

        public boolean isLocal() {
            return kind == Kind.LOCAL;
        }
    }
}
