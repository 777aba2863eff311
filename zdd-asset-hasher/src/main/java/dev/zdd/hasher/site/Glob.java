package dev.zdd.hasher.site;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A file-name pattern over site-relative paths: {@code *} within one folder, {@code **} across folders
 * ({@code **}{@code /} also matches no folder at all), {@code ?} one character, {@code {a,b}} alternatives.
 * Matching ignores case, because {@code LOGO.PNG} is as much an image as {@code logo.png}.
 */
public final class Glob {
    private final String pattern;
    private final Pattern regex;
    /** For printable ASCII paths; null when the pattern has too many alternatives. */
    private final GlobMatcher matcher;

    private Glob(String pattern, Pattern regex, GlobMatcher matcher) {
        this.pattern = pattern;
        this.regex = regex;
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
                GlobMatcher.of(p));
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
        // the scan. The matcher takes printable ASCII paths only, where it gives the regex's answer exactly.
        if (matcher != null && printableAscii(path)) {
            return matcher.matches(path);
        }
        return regex.matcher(path).matches();
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
