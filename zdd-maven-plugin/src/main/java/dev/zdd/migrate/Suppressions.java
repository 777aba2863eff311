package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule ids a statement's preceding comments switch off: {@code -- zdd:ignore <rule-id>[,<rule-id>] <reason>}
 * (the reason is required, so the next reader knows why the lock is acceptable) and squawk's
 * {@code -- squawk-ignore <rule-id>[, <rule-id>]}. A zdd:ignore without a reason, or naming no known rule, switches
 * nothing off and is a finding itself.
 */
public final class Suppressions {
    public static final RuleInfo INVALID_IGNORE = new RuleInfo("invalid-ignore", Severity.ERROR,
            "A zdd:ignore comment without a reason, or naming an unknown rule.");

    private static final Pattern ZDD = Pattern.compile(
            "zdd:ignore(?:\\s+([\\w-]+(?:\\s*,\\s*[\\w-]+)*))?(?:\\s+(.*))?");
    private static final Pattern SQUAWK = Pattern.compile("squawk-ignore\\s+([\\w-]+(?:\\s*,\\s*[\\w-]+)*).*");

    private final Set<String> ignored = new HashSet<>();
    private final List<Finding> problems = new ArrayList<>();

    /**
     * @param comments the comments before the statement
     * @param known    every rule id there is
     */
    public Suppressions(List<SqlComment> comments, Set<String> known, String file) {
        for (SqlComment comment : comments) {
            String body = comment.body();
            Matcher zdd = ZDD.matcher(body);
            Matcher squawk = SQUAWK.matcher(body);
            if (zdd.matches()) {
                List<String> ids = ids(zdd.group(1));
                String reason = zdd.group(2) == null ? "" : zdd.group(2).strip();
                if (ids.isEmpty() || reason.isEmpty()) {
                    problems.add(problem(file, comment, "zdd:ignore needs a rule id and a reason: -- zdd:ignore"
                            + " <rule-id> <why this is safe here>"));
                    continue;
                }
                add(ids, known, file, comment);
            } else if (squawk.matches()) {
                add(ids(squawk.group(1)), known, file, comment);
            }
        }
    }

    private void add(List<String> ids, Set<String> known, String file, SqlComment comment) {
        for (String id : ids) {
            String canonical = canonical(id);
            if (known.contains(canonical)) {
                ignored.add(canonical);
            } else {
                problems.add(problem(file, comment, "'" + id + "' is not a rule id, so nothing is ignored"));
            }
        }
    }

    /** squawk prints prefer-timestamp-tz and documents prefer-timestamptz; both are accepted. */
    static String canonical(String id) {
        return id.equals("prefer-timestamp-tz") ? "prefer-timestamptz" : id;
    }

    private static List<String> ids(String list) {
        List<String> ids = new ArrayList<>();
        if (list == null) {
            return ids;
        }
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return ids;
    }

    private static Finding problem(String file, SqlComment comment, String message) {
        return new Finding(file, comment.line(), comment.column(), INVALID_IGNORE.id(), INVALID_IGNORE.severity(),
                message, "write -- zdd:ignore <rule-id> <reason> on the line before the statement, with a rule id"
                + " from the report");
    }

    public boolean ignores(String rule) {
        return ignored.contains(rule);
    }

    /** Malformed suppressions, as findings. */
    public List<Finding> problems() {
        return problems;
    }
}
