package dev.zdd.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a migration file into a {@link ParsedMigration}: lexing, splitting, recognizing, transaction state. */
public final class MigrationParser {
    private final int postgresVersion;
    private final TransactionMode transactions;

    public MigrationParser(int postgresVersion, TransactionMode transactions) {
        this.postgresVersion = postgresVersion;
        this.transactions = transactions;
    }

    public ParsedMigration parse(MigrationScript script) throws IOException {
        // Bytes that are not UTF-8 become U+FFFD instead of failing the read: the SQL around them is still linted.
        return parse(script, new String(Files.readAllBytes(script.path()), StandardCharsets.UTF_8));
    }

    public ParsedMigration parse(MigrationScript script, String sql) {
        LexedSql lexed = SqlLexer.lex(sql);
        List<Statement> statements = new ArrayList<>();
        for (SqlStatement statement : StatementSplitter.split(lexed)) {
            statements.add(StatementRecognizer.recognize(statement));
        }
        boolean wrapped = switch (transactions) {
            case ALWAYS -> true;
            case NONE -> false;
            case FLYWAY -> statements.stream().noneMatch(this::refusedInTransaction);
        };
        List<Boolean> inTransaction = new ArrayList<>();
        Set<String> createdInTransaction = new HashSet<>();
        Set<String> created = new HashSet<>();
        boolean open = wrapped;
        for (Statement statement : statements) {
            inTransaction.add(open);
            switch (statement.kind()) {
                case BEGIN -> open = true;
                case COMMIT, ROLLBACK -> open = false;
                case CREATE_TABLE -> {
                    if (statement.table() != null) {
                        created.add(statement.table());
                        if (open) {
                            createdInTransaction.add(statement.table());
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new ParsedMigration(script, lexed, List.copyOf(statements), List.copyOf(inTransaction), wrapped,
                Set.copyOf(createdInTransaction), Set.copyOf(created), postgresVersion);
    }

    /**
     * Statements PostgreSQL refuses inside a transaction block ("cannot run inside a transaction block"); Flyway
     * detects them and runs their file without a transaction.
     */
    public boolean refusedInTransaction(Statement statement) {
        return switch (statement.kind()) {
            case CREATE_INDEX, DROP_INDEX, REINDEX -> statement.concurrently();
            case VACUUM, CREATE_DATABASE, DROP_DATABASE, ALTER_SYSTEM -> true;
            // Before PostgreSQL 12, a new enum value could not be added inside a transaction.
            case ALTER_TYPE_ADD_VALUE -> postgresVersion < 12;
            case ALTER_TABLE -> statement.actions().stream()
                    .anyMatch(a -> a.kind() == AlterAction.Kind.DETACH_PARTITION && a.concurrently());
            default -> false;
        };
    }
}
