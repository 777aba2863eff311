package dev.zdd.migrate;

/**
 * A migration as the linter saw it.
 *
 * @param script            the file
 * @param statements        how many statements it has
 * @param runsInTransaction whether it runs in one transaction (as Flyway runs it, or as {@code zdd.transactions}
 *                          forces)
 * @param contract          whether it contracts the schema, and why
 */
public record LintedMigration(MigrationScript script, int statements, boolean runsInTransaction,
                              Contract contract) {
    public boolean isContract() {
        return contract.contract();
    }
}
