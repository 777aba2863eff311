package dev.zdd.migrate.rules;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.ColumnTarget;
import dev.zdd.migrate.ParsedMigration;
import dev.zdd.migrate.RuleInfo;
import dev.zdd.migrate.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One column declared or assigned twice in one list (CREATE TABLE, CREATE VIEW, INSERT, UPDATE ... SET): PostgreSQL
 * refuses the statement when the migration runs, half-way through a deploy. Several partial assignments to one
 * column ({@code a[1] = x, a[2] = y}) are allowed, as PostgreSQL allows them.
 */
public final class BanDuplicateColumnAssignments implements MigrationRule {
    static final RuleInfo INFO = new RuleInfo("ban-duplicate-column-assignments", Severity.ERROR, "A column declared"
            + " or assigned twice in one statement: PostgreSQL refuses it when the migration runs.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(ParsedMigration migration, Reporter reporter) {
        for (Statement s : migration.statements()) {
            List<List<ColumnTarget>> lists = new ArrayList<>(s.targetLists());
            if (s.kind() == Statement.Kind.CREATE_TABLE) {
                lists.add(s.columns().stream().filter(c -> c.name() != null)
                        .map(c -> new ColumnTarget(c.name(), c.at(), false)).toList());
            }
            for (List<ColumnTarget> list : lists) {
                check(s, list, reporter);
            }
        }
    }

    private static void check(Statement s, List<ColumnTarget> list, Reporter reporter) {
        Map<String, List<ColumnTarget>> byName = new LinkedHashMap<>();
        for (ColumnTarget target : list) {
            byName.computeIfAbsent(target.name(), n -> new ArrayList<>()).add(target);
        }
        for (Map.Entry<String, List<ColumnTarget>> entry : byName.entrySet()) {
            List<ColumnTarget> same = entry.getValue();
            if (same.size() < 2 || same.stream().allMatch(ColumnTarget::partial)) {
                continue;
            }
            ColumnTarget first = same.get(0);
            for (ColumnTarget again : same.subList(1, same.size())) {
                reporter.report(s, again.at(), "column '" + entry.getKey() + "' appears again here (first on line "
                                + first.at().line() + ", column " + first.at().column() + "): PostgreSQL refuses"
                                + " the statement",
                        "name each column once");
            }
        }
    }
}
