package dev.zdd.hasher.check;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a site check can find. The id is what reports print and {@code failOn} names. */
public enum ProblemKind {
    BROKEN_LINK("a link to a page that is not in the release"),
    MISSING_ASSET("a reference to an asset that is not in the release"),
    BROKEN_FRAGMENT("a #fragment that names no id or <a name> in its page"),
    OUTSIDE_SITE("a root-relative URL outside the site's base path"),
    MALFORMED("a file whose syntax or name could not be read"),
    UNSAFE_LINK("a symbolic link that leads outside the site"),
    SIZE_BUDGET("a file or type over its size budget"),
    SIZE_REGRESSION("a size that grew past its limit since the baseline");

    /** Kinds that fail the build unless configured otherwise. */
    public static final Set<ProblemKind> FAIL_BY_DEFAULT = EnumSet.of(BROKEN_LINK, MISSING_ASSET, BROKEN_FRAGMENT,
            UNSAFE_LINK, SIZE_BUDGET, SIZE_REGRESSION);

    private final String description;

    ProblemKind(String description) {
        this.description = description;
    }

    /** {@code broken-link}, {@code size-budget}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    public static ProblemKind fromId(String id) {
        for (ProblemKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown check '" + id + "'; use one of " + String.join(", ",
                Arrays.stream(values()).map(ProblemKind::id).toList()));
    }

    /** Parses {@code failOn}: a comma-separated list of ids, {@code all} or {@code none}. */
    public static Set<ProblemKind> parseSet(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("all")) {
            return EnumSet.allOf(ProblemKind.class);
        }
        if (t.equalsIgnoreCase("none") || t.isEmpty()) {
            return EnumSet.noneOf(ProblemKind.class);
        }
        Set<ProblemKind> kinds = EnumSet.noneOf(ProblemKind.class);
        for (String id : t.split(",")) {
            kinds.add(fromId(id));
        }
        return kinds;
    }
}
