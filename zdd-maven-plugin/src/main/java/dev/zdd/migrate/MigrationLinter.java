package dev.zdd.migrate;

import dev.zdd.hasher.report.Severity;
import dev.zdd.migrate.measure.MeasuredRules;
import dev.zdd.migrate.rules.MigrationRule;
import dev.zdd.migrate.rules.RuleCatalog;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lints Flyway migrations for PostgreSQL: reads them in version order, runs every rule over each file, applies the
 * suppressions written in the SQL, and tells contract migrations from expand ones.
 */
public final class MigrationLinter {
    public static final RuleInfo SYNTAX_ERROR = new RuleInfo("syntax-error", Severity.ERROR,
            "SQL that cannot be read: an unterminated string, quoted identifier, dollar quote or comment.");

    private final LintConfig config;
    private final List<MigrationRule> rules;

    public MigrationLinter(LintConfig config) {
        this.config = config;
        this.rules = RuleCatalog.rules().stream().filter(r -> !config.excludedRules().contains(r.info().id()))
                .toList();
        Set<String> known = new LinkedHashSet<>(knownRuleIds());
        for (String excluded : config.excludedRules()) {
            if (!known.contains(Suppressions.canonical(excluded))) {
                throw new IllegalArgumentException("zdd.excludedRules: '" + excluded + "' is not a rule id; known:"
                        + " " + String.join(", ", known));
            }
        }
    }

    /** Every rule id a finding can have. */
    public static List<String> knownRuleIds() {
        return allRules().stream().map(RuleInfo::id).toList();
    }

    private static List<RuleInfo> allRules() {
        List<RuleInfo> all = new ArrayList<>(RuleCatalog.infos());
        all.add(ContractDetector.EXPAND_AND_CONTRACT);
        all.add(SYNTAX_ERROR);
        all.add(Suppressions.INVALID_IGNORE);
        all.add(MigrationScanner.DUPLICATE_VERSION);
        all.add(MigrationScanner.INVALID_NAME);
        all.addAll(MeasuredRules.all());
        return all;
    }

    public LintResult lint() throws IOException {
        try {
            return lint(migrations -> Measurements.none());
        } catch (SQLException e) {
            throw new IllegalStateException("no database is used without a measurement", e);
        }
    }

    /** Lints, then hands the parsed migrations to {@code measurement} (measured mode) and adds its findings. */
    public LintResult lint(MigrationMeasurement measurement) throws IOException, SQLException {
        long started = System.nanoTime();
        MigrationScanner.Scan scan = MigrationScanner.scan(config.folders(), config.base());
        MigrationParser parser = new MigrationParser(config.postgresVersion(), config.transactions());
        List<LintedMigration> migrations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(scan.findings());
        List<ParsedMigration> parsedMigrations = new ArrayList<>();
        for (MigrationScript script : scan.scripts()) {
            ParsedMigration parsed = parser.parse(script);
            parsedMigrations.add(parsed);
            findings.addAll(lint(parsed));
            migrations.add(new LintedMigration(script, parsed.statements().size(), parsed.runsInTransaction(),
                    ContractDetector.detect(parsed).contract()));
        }
        Measurements measured = measurement.measure(parsedMigrations);
        findings.addAll(releaseContracts(parsedMigrations, measured.applied(), findings));
        findings.addAll(measured.findings());
        findings.removeIf(f -> config.excludedRules().contains(f.rule()));
        Map<String, Integer> order = new HashMap<>();
        for (MigrationScript script : scan.scripts()) {
            order.putIfAbsent(script.displayPath(), order.size());
        }
        findings.sort(Comparator.<Finding>comparingInt(f -> order.getOrDefault(f.file(), Integer.MAX_VALUE))
                .thenComparing(Finding::file).thenComparingInt(Finding::line).thenComparingInt(Finding::column)
                .thenComparing(Finding::rule));
        List<RuleInfo> ran = allRules().stream().filter(r -> !config.excludedRules().contains(r.id())).toList();
        return new LintResult(List.copyOf(migrations), List.copyOf(findings), ran,
                (System.nanoTime() - started) / 1_000_000, List.copyOf(measured.migrations()));
    }

    /**
     * Expand-and-contract across the files of the next release: the migrations newer than
     * {@link LintConfig#releasedVersion()}, or else (measured mode) those the measured database's Flyway history
     * does not have. Without either, which files go out together is unknown, and each file is checked on its own.
     */
    private List<Finding> releaseContracts(List<ParsedMigration> parsed, Set<MigrationVersion> applied,
                                           List<Finding> already) {
        MigrationVersion released = config.releasedVersion();
        Predicate<MigrationVersion> inRelease;
        String since;
        if (released != null) {
            inRelease = v -> v.compareTo(released) > 0;
            since = "newer than the released version " + released;
        } else if (applied != null) {
            inRelease = v -> !applied.contains(v);
            since = "not yet in the measured database's flyway_schema_history";
        } else {
            return List.of();
        }
        List<ParsedMigration> release = parsed.stream().filter(m -> inRelease.test(m.script().version())).toList();
        Set<String> known = new LinkedHashSet<>(knownRuleIds());
        List<Finding> findings = new ArrayList<>();
        for (ReleaseContracts.Found found : ReleaseContracts.check(release, since)) {
            Finding f = found.finding();
            Suppressions suppressions = new Suppressions(found.statement().source().comments(), known, f.file());
            // The file's own expand-and-contract finding at the same place says it already.
            boolean reported = already.stream().anyMatch(a -> a.rule().equals(f.rule()) && a.file().equals(f.file())
                    && a.line() == f.line() && a.column() == f.column());
            if (!reported && !suppressions.ignores(ContractDetector.EXPAND_AND_CONTRACT.id())) {
                findings.add(f);
            }
        }
        return findings;
    }

    /** The findings of one parsed file, suppressions applied. */
    public List<Finding> lint(ParsedMigration migration) {
        String file = migration.script().displayPath();
        Set<String> known = new LinkedHashSet<>(knownRuleIds());
        Map<Statement, Suppressions> suppressions = new IdentityHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Statement s : migration.statements()) {
            Suppressions suppression = new Suppressions(s.source().comments(), known, file);
            suppressions.put(s, suppression);
            findings.addAll(suppression.problems());
        }
        LexedSql.Problem problem = migration.lexed().problem();
        if (problem != null) {
            findings.add(new Finding(file, problem.line(), problem.column(), SYNTAX_ERROR.id(),
                    SYNTAX_ERROR.severity(), problem.message() + "; the rest of the file is not checked",
                    "close it; PostgreSQL would refuse this file too"));
        }
        for (MigrationRule rule : rules) {
            RuleInfo info = rule.info();
            rule.check(migration, (statement, at, message, hint) -> {
                if (!suppressions.get(statement).ignores(info.id())) {
                    findings.add(new Finding(file, at.line(), at.column(), info.id(), info.severity(), message,
                            hint));
                }
            });
        }
        ContractDetector.Result contract = ContractDetector.detect(migration);
        for (int i = 0; i < contract.findings().size(); i++) {
            if (!suppressions.get(contract.findingStatements().get(i)).ignores(
                    ContractDetector.EXPAND_AND_CONTRACT.id())) {
                findings.add(contract.findings().get(i));
            }
        }
        return findings;
    }
}
