package dev.zdd.migrate;

import java.util.List;
import java.util.Set;

/**
 * A migration file read, split and recognized, with how it runs: what the rules look at.
 *
 * @param script            the file
 * @param lexed             its tokens and comments
 * @param statements        its statements in order
 * @param inTransaction     for each statement, whether a transaction is open when it runs
 * @param runsInTransaction whether the file as a whole is wrapped in a transaction by the migration tool
 * @param createdInTransaction tables created by the file inside a transaction: they hold no rows others can see,
 *                          so locking them harms nobody
 * @param created           every table the file creates
 * @param postgresVersion   the major version of the PostgreSQL it runs on
 */
public record ParsedMigration(MigrationScript script, LexedSql lexed, List<Statement> statements,
                              List<Boolean> inTransaction, boolean runsInTransaction,
                              Set<String> createdInTransaction, Set<String> created, int postgresVersion) {

    public boolean inTransaction(int statement) {
        return inTransaction.get(statement);
    }

    public boolean createdInTransaction(String table) {
        return table != null && createdInTransaction.contains(table);
    }
}
