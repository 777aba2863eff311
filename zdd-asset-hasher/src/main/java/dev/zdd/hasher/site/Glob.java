package dev.zdd.hasher.site;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file-name pattern over site-relative paths: {@code *} within one folder, {@code **} across folders
 * ({@code **}{@code /} also matches no folder at all), {@code ?} one character, {@code {a,b}} alternatives.
 * Matching ignores case, because {@code LOGO.PNG} is as much an image as {@code logo.png}.
 */
public final class Glob {
    /** {@code **}{@code /*.ext} or {@code **}{@code /*.{a,b}}: the extensions, lower case, with their dots. */
    private static final Pattern ANY_FILE_WITH_EXTENSION =
            Pattern.compile("\\*\\*/\\*\\.(?:([a-z0-9]+)|\\{([a-z0-9]+(?:,[a-z0-9]+)*)})");

    private final String pattern;
    private final Pattern regex;
    /** For the common "any file with one of these extensions": the suffixes; null for other patterns. */
    private final String[] suffixes;
    /** For printable ASCII paths; null when the pattern has too many alternatives. */
    private final GlobMatcher matcher;

    private Glob(String pattern, Pattern regex, String[] suffixes, GlobMatcher matcher) {
        this.pattern = pattern;
        this.regex = regex;
        this.suffixes = suffixes;
        this.matcher = matcher;
    }

    public static Glob of(String pattern) {
        String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                        boolean slashFollows = i + 2 < p.length() && p.charAt(i + 2) == '/';
                        re.append(slashFollows ? "(?:.*/)?" : ".*");
                        i += slashFollows ? 2 : 1;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("unbalanced '}' in pattern '" + pattern + "'");
                    }
                    braces--;
                    re.append(')');
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unbalanced '{' in pattern '" + pattern + "'");
        }
        return new Glob(pattern, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                suffixes(p), GlobMatcher.of(p));
    }

    private static String[] suffixes(String pattern) {
        Matcher m = ANY_FILE_WITH_EXTENSION.matcher(pattern);
        if (!m.matches()) {
            return null;
        }
        String[] extensions = (m.group(1) != null ? m.group(1) : m.group(2)).split(",");
        for (int i = 0; i < extensions.length; i++) {
            extensions[i] = "." + extensions[i];
        }
        return extensions;
    }

    public static List<Glob> all(List<String> patterns) {
        return patterns.stream().map(Glob::of).toList();
    }

    public static boolean anyMatches(List<Glob> globs, String path) {
        for (Glob glob : globs) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String path) {
        // Every file of a site is tested against every pattern; a regex per test costs more than the rest of
        // the scan. The shortcuts take printable ASCII paths only, where they give the regex's answer exactly.
        if ((suffixes != null || matcher != null) && printableAscii(path)) {
            return suffixes != null ? hasSuffix(path) : matcher.matches(path);
        }
        return regex.matcher(path).matches();
    }

    private boolean hasSuffix(String path) {
        int nameStart = path.lastIndexOf('/') + 1;
        for (String suffix : suffixes) {
            int at = path.length() - suffix.length();
            if (at >= nameStart && path.regionMatches(true, at, suffix, 0, suffix.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean printableAscii(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
