package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells contract migrations (drop or rename a column or table, SET NOT NULL, a constraint validated on existing
 * rows, or a {@code -- zdd:contract} mark) from expand ones, and finds the migration that does both to one table:
 * the release that carries it breaks the release still running.
 */
public final class ContractDetector {
    public static final String MARK = "zdd:contract";
    public static final RuleInfo EXPAND_AND_CONTRACT = new RuleInfo("expand-and-contract", Severity.ERROR,
            "One migration both expands and contracts the same table.");

    /** A contract or expand step and where it is. */
    private record Step(Statement statement, SqlToken at, String table, String what) {
    }

    /** The contract reading of a migration, and the expand-and-contract findings about it. */
    public record Result(Contract contract, List<Finding> findings, List<Statement> findingStatements) {
    }

    private ContractDetector() {
    }

    public static Result detect(ParsedMigration migration) {
        List<Step> contracts = new ArrayList<>();
        Map<String, Step> expands = new LinkedHashMap<>();
        for (Statement s : migration.statements()) {
            String table = s.table();
            boolean existing = table != null && !migration.created().contains(table);
            switch (s.kind()) {
                case DROP_TABLE -> {
                    for (String dropped : s.tables()) {
                        if (!migration.created().contains(dropped)) {
                            contracts.add(new Step(s, s.at(), dropped, "drops table " + dropped));
                        }
                    }
                }
                case CREATE_INDEX -> {
                    if (existing) {
                        expands.putIfAbsent(table, new Step(s, s.at(), table, "indexes " + table));
                    }
                }
                case ALTER_TABLE -> {
                    if (!existing) {
                        continue;
                    }
                    for (AlterAction a : s.actions()) {
                        String contract = contractStep(a, table);
                        if (contract != null) {
                            contracts.add(new Step(s, a.at(), table, contract));
                        } else if (a.kind() == AlterAction.Kind.ADD_COLUMN) {
                            expands.putIfAbsent(table, new Step(s, a.at(), table, "adds " + table + "." + a.column()));
                        }
                    }
                }
                default -> {
                }
            }
        }
        boolean marked = migration.lexed().comments().stream().anyMatch(c -> c.body().equals(MARK)
                || c.body().startsWith(MARK + " "));
        List<String> reasons = new ArrayList<>();
        if (marked) {
            reasons.add("marked -- " + MARK);
        }
        for (Step step : contracts) {
            reasons.add(step.at().line() + ":" + step.at().column() + " " + step.what());
        }
        List<Finding> findings = new ArrayList<>();
        List<Statement> at = new ArrayList<>();
        for (Step step : contracts) {
            Step expand = expands.get(step.table());
            if (expand != null) {
                findings.add(new Finding(migration.script().displayPath(), step.at().line(), step.at().column(),
                        EXPAND_AND_CONTRACT.id(), EXPAND_AND_CONTRACT.severity(), "this migration " + expand.what()
                        + " (line " + expand.at().line() + ") and " + step.what() + ": the release still running"
                        + " breaks on the contract before the new release takes over",
                        "split it: expand in this release, backfill, and contract in a later release once no slot"
                                + " runs the old code"));
                at.add(step.statement());
            }
        }
        return new Result(new Contract(marked || !contracts.isEmpty(), List.copyOf(reasons)), findings, at);
    }

    private static String contractStep(AlterAction a, String table) {
        return switch (a.kind()) {
            case DROP_COLUMN -> "drops column " + table + "." + a.column();
            case RENAME_COLUMN -> "renames column " + table + "." + a.column() + " to " + a.newName();
            case RENAME_TABLE -> "renames table " + table + " to " + a.newName();
            case SET_NOT_NULL -> "sets " + table + "." + a.column() + " NOT NULL";
            case VALIDATE_CONSTRAINT -> "validates constraint " + a.constraintName() + " on " + table;
            case ADD_CONSTRAINT -> a.constraint().notValid() ? null
                    : "adds constraint " + (a.constraint().name() == null ? "" : a.constraint().name() + " ")
                    + "validated on the rows of " + table;
            default -> null;
        };
    }
}
