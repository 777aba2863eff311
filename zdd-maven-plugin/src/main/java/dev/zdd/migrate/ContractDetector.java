package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells contract migrations (drop or rename a column or table, SET NOT NULL, a constraint validated on existing
 * rows, or a {@code -- zdd:contract} mark) from expand ones, and finds the migration that does both to one table:
 * the release that carries it breaks the release still running. {@link ReleaseContracts} does the same across the
 * files of one release.
 */
public final class ContractDetector {
    public static final String MARK = "zdd:contract";
    public static final RuleInfo EXPAND_AND_CONTRACT = new RuleInfo("expand-and-contract", Severity.ERROR,
            "A release both expands and contracts the same table, in one migration or in two of the same release.");

    /**
     * One expand or contract step of a migration and where it is.
     *
     * @param kind   what it does
     * @param column the column it adds or contracts; null when it is about the whole table (or a constraint)
     * @param what   how a person would say it: "drops column users.email"
     */
    record Step(Kind kind, Statement statement, SqlToken at, String table, String column, String what) {
        enum Kind {
            /** Expands: ADD COLUMN. */
            ADDS_COLUMN,
            /** Expands: CREATE INDEX on a table. */
            INDEXES,
            /** Expands: CREATE TABLE. */
            CREATES_TABLE,
            /** Contracts: DROP TABLE or RENAME TO. */
            REMOVES_TABLE,
            /** Contracts: DROP COLUMN, RENAME COLUMN or SET NOT NULL. */
            CONTRACTS_COLUMN,
            /** Contracts: a constraint validated on the rows present. */
            TIGHTENS_TABLE
        }

        boolean expands() {
            return kind == Kind.ADDS_COLUMN || kind == Kind.INDEXES || kind == Kind.CREATES_TABLE;
        }
    }

    /** The contract reading of a migration, and the expand-and-contract findings about it. */
    public record Result(Contract contract, List<Finding> findings, List<Statement> findingStatements) {
    }

    private ContractDetector() {
    }

    public static Result detect(ParsedMigration migration) {
        List<Step> contracts = new ArrayList<>();
        Map<String, Step> expands = new LinkedHashMap<>();
        for (Step step : steps(migration)) {
            boolean existing = !migration.created().contains(step.table());
            if (!step.expands()) {
                contracts.add(step);
            } else if (existing && step.kind() != Step.Kind.CREATES_TABLE) {
                expands.putIfAbsent(step.table(), step);
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

    /**
     * Every expand and contract step of a migration, in file order. A contract step is only one on a table the
     * migration did not create itself; expand steps are listed for every table.
     */
    static List<Step> steps(ParsedMigration migration) {
        List<Step> steps = new ArrayList<>();
        for (Statement s : migration.statements()) {
            String table = s.table();
            boolean existing = table != null && !migration.created().contains(table);
            switch (s.kind()) {
                case CREATE_TABLE -> {
                    if (table != null) {
                        steps.add(new Step(Step.Kind.CREATES_TABLE, s, s.at(), table, null, "creates table " + table));
                    }
                }
                case DROP_TABLE -> {
                    for (String dropped : s.tables()) {
                        if (!migration.created().contains(dropped)) {
                            steps.add(new Step(Step.Kind.REMOVES_TABLE, s, s.at(), dropped, null,
                                    "drops table " + dropped));
                        }
                    }
                }
                case CREATE_INDEX -> {
                    if (table != null) {
                        steps.add(new Step(Step.Kind.INDEXES, s, s.at(), table, null, "indexes " + table));
                    }
                }
                case ALTER_TABLE -> {
                    if (table == null) {
                        continue;
                    }
                    for (AlterAction a : s.actions()) {
                        Step contract = existing ? contractStep(s, a, table) : null;
                        if (contract != null) {
                            steps.add(contract);
                        } else if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.column() != null) {
                            steps.add(new Step(Step.Kind.ADDS_COLUMN, s, a.at(), table, a.column(),
                                    "adds " + table + "." + a.column()));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return steps;
    }

    private static Step contractStep(Statement s, AlterAction a, String table) {
        return switch (a.kind()) {
            case DROP_COLUMN -> new Step(Step.Kind.CONTRACTS_COLUMN, s, a.at(), table, a.column(),
                    "drops column " + table + "." + a.column());
            case RENAME_COLUMN -> new Step(Step.Kind.CONTRACTS_COLUMN, s, a.at(), table, a.column(),
                    "renames column " + table + "." + a.column() + " to " + a.newName());
            case RENAME_TABLE -> new Step(Step.Kind.REMOVES_TABLE, s, a.at(), table, null,
                    "renames table " + table + " to " + a.newName());
            case SET_NOT_NULL -> new Step(Step.Kind.CONTRACTS_COLUMN, s, a.at(), table, a.column(),
                    "sets " + table + "." + a.column() + " NOT NULL");
            case VALIDATE_CONSTRAINT -> new Step(Step.Kind.TIGHTENS_TABLE, s, a.at(), table, null,
                    "validates constraint " + a.constraintName() + " on " + table);
            case ADD_CONSTRAINT -> a.constraint().notValid() ? null : new Step(Step.Kind.TIGHTENS_TABLE, s, a.at(),
                    table, null, "adds constraint " + (a.constraint().name() == null ? ""
                    : a.constraint().name() + " ") + "validated on the rows of " + table);
            default -> null;
        };
    }
}
