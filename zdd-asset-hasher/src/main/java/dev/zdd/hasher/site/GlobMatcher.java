package dev.zdd.hasher.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Matches a glob against paths of printable ASCII without a regex: every file of a site is tested against every
 * pattern, and a regex per test is most of a scan's time in a fresh JVM, where it runs interpreted. It gives the
 * answer of the regex {@link Glob} builds, for those paths: there {@code .} (any character but a line terminator)
 * is any character, and a character is one code point. Braces are expanded into alternatives up front.
 */
final class GlobMatcher {
    /** Pattern elements other than literal characters, which are themselves (0 or more). */
    private static final int STAR = -1;
    private static final int ANY_PATH = -2;
    private static final int ANY_FOLDERS = -3;
    private static final int ONE = -4;
    private static final int OPEN = -5;
    private static final int COMMA = -6;
    private static final int CLOSE = -7;
    /** Past this many alternatives a pattern keeps its regex. */
    private static final int MOST_ALTERNATIVES = 64;

    private final int[][] alternatives;
    /** Per alternative, the name ending it stands for when it is {@code **}{@code /*<literal>}; else null. */
    private final int[][] nameEndings;

    private GlobMatcher(int[][] alternatives) {
        this.alternatives = alternatives;
        this.nameEndings = Arrays.stream(alternatives).map(GlobMatcher::nameEnding).toArray(int[][]::new);
    }

    /**
     * The matcher of a pattern (without its leading slash, braces balanced), or null when its braces expand into
     * too many alternatives.
     */
    static GlobMatcher of(String pattern) {
        int[] elements = elements(pattern);
        List<int[]> expanded = sequence(elements, new int[] {0});
        return expanded == null ? null : new GlobMatcher(expanded.toArray(new int[0][]));
    }

    /** Whether {@code path}, which must be printable ASCII, matches. */
    boolean matches(String path) {
        for (int a = 0; a < alternatives.length; a++) {
            if (nameEndings[a] != null ? nameEndsWith(path, nameEndings[a]) : matches(alternatives[a], 0, path, 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For {@code **}{@code /*} followed by literal characters without a slash (the common "any file with this
     * extension"), those characters: such a pattern matches exactly the paths whose last segment ends with them,
     * which needs no backtracking. Null for any other alternative.
     */
    private static int[] nameEnding(int[] alternative) {
        if (alternative.length < 2 || alternative[0] != ANY_FOLDERS || alternative[1] != STAR) {
            return null;
        }
        for (int k = 2; k < alternative.length; k++) {
            if (alternative[k] < 0 || alternative[k] == '/') {
                return null;
            }
        }
        return Arrays.copyOfRange(alternative, 2, alternative.length);
    }

    private static boolean nameEndsWith(String path, int[] ending) {
        int at = path.length() - ending.length;
        if (at < path.lastIndexOf('/') + 1) {
            return false;
        }
        for (int k = 0; k < ending.length; k++) {
            if (!sameIgnoringCase((char) ending[k], path.charAt(at + k))) {
                return false;
            }
        }
        return true;
    }

    /** The pattern's elements, read as Glob reads them into a regex: {@code **}{@code /} first, then {@code **}. */
    private static int[] elements(String p) {
        int[] elements = new int[p.length()];
        int n = 0;
        int braces = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            int element = c;
            if (c == '*') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    boolean slashFollows = i + 2 < p.length() && p.charAt(i + 2) == '/';
                    element = slashFollows ? ANY_FOLDERS : ANY_PATH;
                    i += slashFollows ? 2 : 1;
                } else {
                    element = STAR;
                }
            } else if (c == '?') {
                element = ONE;
            } else if (c == '{') {
                braces++;
                element = OPEN;
            } else if (c == '}') {
                braces--;
                element = CLOSE;
            } else if (c == ',' && braces > 0) {
                element = COMMA;
            }
            elements[n++] = element;
        }
        return Arrays.copyOf(elements, n);
    }

    /**
     * The alternatives of the elements from {@code at[0]} up to the end, or to the comma or closing brace that ends
     * the enclosing alternative (left at {@code at[0]}); null when there are too many.
     */
    private static List<int[]> sequence(int[] elements, int[] at) {
        List<int[]> result = new ArrayList<>(List.of(new int[0]));
        while (at[0] < elements.length && elements[at[0]] != COMMA && elements[at[0]] != CLOSE) {
            List<int[]> next;
            if (elements[at[0]] == OPEN) {
                at[0]++;
                next = new ArrayList<>();
                while (true) {
                    List<int[]> alternative = sequence(elements, at);
                    if (alternative == null) {
                        return null;
                    }
                    next.addAll(alternative);
                    if (elements[at[0]++] == CLOSE) {
                        break;
                    }
                }
            } else {
                next = List.of(new int[] {elements[at[0]++]});
            }
            if ((long) result.size() * next.size() > MOST_ALTERNATIVES) {
                return null;
            }
            List<int[]> joined = new ArrayList<>(result.size() * next.size());
            for (int[] head : result) {
                for (int[] tail : next) {
                    int[] both = Arrays.copyOf(head, head.length + tail.length);
                    System.arraycopy(tail, 0, both, head.length, tail.length);
                    joined.add(both);
                }
            }
            result = joined;
        }
        return result;
    }

    private static boolean matches(int[] pattern, int from, String path, int start) {
        int p = from;
        int i = start;
        int n = path.length();
        while (p < pattern.length) {
            int element = pattern[p];
            switch (element) {
                case STAR -> {
                    for (int k = i; ; k++) {
                        if (matches(pattern, p + 1, path, k)) {
                            return true;
                        }
                        if (k == n || path.charAt(k) == '/') {
                            return false;
                        }
                    }
                }
                case ANY_PATH -> {
                    for (int k = i; k <= n; k++) {
                        if (matches(pattern, p + 1, path, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case ANY_FOLDERS -> {
                    if (matches(pattern, p + 1, path, i)) {
                        return true;
                    }
                    for (int k = i; k < n; k++) {
                        if (path.charAt(k) == '/' && matches(pattern, p + 1, path, k + 1)) {
                            return true;
                        }
                    }
                    return false;
                }
                case ONE -> {
                    if (i == n || path.charAt(i) == '/') {
                        return false;
                    }
                }
                default -> {
                    if (i == n || !sameIgnoringCase((char) element, path.charAt(i))) {
                        return false;
                    }
                }
            }
            p++;
            i++;
        }
        return i == n;
    }

    /** The regex's comparison under CASE_INSENSITIVE and UNICODE_CASE. */
    private static boolean sameIgnoringCase(char a, char b) {
        return a == b
                || Character.toLowerCase(Character.toUpperCase(a)) == Character.toLowerCase(Character.toUpperCase(b));
    }
}
