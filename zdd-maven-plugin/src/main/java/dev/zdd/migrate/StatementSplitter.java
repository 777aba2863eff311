package dev.zdd.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits lexed SQL into statements at semicolons. Semicolons inside strings, dollar-quoted bodies ({@code DO} blocks,
 * PL/pgSQL functions) and comments are already inside single tokens; the one place where a bare semicolon does not
 * end a statement is the body of a SQL-standard function ({@code BEGIN ATOMIC ... END}, PostgreSQL 14+).
 */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    public static List<SqlStatement> split(LexedSql sql) {
        List<SqlStatement> statements = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int commentIndex = 0;
        int atomicDepth = 0;
        List<SqlComment> before = new ArrayList<>();
        List<SqlComment> comments = sql.comments();
        for (SqlToken token : sql.tokens()) {
            if (current.isEmpty()) {
                while (commentIndex < comments.size() && comments.get(commentIndex).offset() < token.offset()) {
                    before.add(comments.get(commentIndex++));
                }
            }
            if (token.isSymbol(";") && atomicDepth == 0) {
                if (!current.isEmpty()) {
                    statements.add(statement(sql.text(), current, before));
                    current = new ArrayList<>();
                    before = new ArrayList<>();
                }
                // Comments up to here belong to no statement; the next statement's own start after this point.
                while (commentIndex < comments.size() && comments.get(commentIndex).offset() < token.offset()) {
                    commentIndex++;
                }
                continue;
            }
            if (atomicDepth > 0) {
                if (token.is("case") || token.is("begin")) {
                    atomicDepth++;
                } else if (token.is("end")) {
                    atomicDepth--;
                }
            } else if (token.is("atomic") && !current.isEmpty() && current.get(current.size() - 1).is("begin")
                    && isRoutineDefinition(current)) {
                atomicDepth = 1;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            statements.add(statement(sql.text(), current, before));
        }
        return statements;
    }

    private static boolean isRoutineDefinition(List<SqlToken> tokens) {
        for (int i = 1; i < Math.min(tokens.size(), 5); i++) {
            if (tokens.get(i).is("function") || tokens.get(i).is("procedure")) {
                return tokens.get(0).is("create");
            }
        }
        return false;
    }

    private static SqlStatement statement(String text, List<SqlToken> tokens, List<SqlComment> comments) {
        SqlToken last = tokens.get(tokens.size() - 1);
        return new SqlStatement(text.substring(tokens.get(0).offset(), last.end()), List.copyOf(tokens),
                List.copyOf(comments));
    }
}
