package dev.zdd.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognizes the statement forms the rules look into (CREATE/ALTER/DROP TABLE, CREATE/DROP INDEX, transaction
 * control, SET, ...), following the PostgreSQL grammar only as deep as the rules need. Anything else is
 * {@link Statement.Kind#OTHER} or {@link Statement.Kind#DATA}; nothing here throws on odd input.
 */
public final class StatementRecognizer {
    /** Words that end a column's type and start one of its constraints. */
    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of("constraint", "not", "null", "default",
            "check", "unique", "primary", "references", "generated", "collate", "compression", "storage",
            "deferrable", "initially");
    private static final Set<String> TABLE_CONSTRAINT_START = Set.of("constraint", "check", "unique", "primary",
            "foreign", "exclude");
    private static final Set<String> DATA_STATEMENTS = Set.of("select", "insert", "update", "delete", "copy",
            "with", "values", "table", "merge", "call", "lock", "analyze", "notify", "listen", "discard", "reset",
            "show", "explain", "prepare", "execute", "deallocate", "savepoint", "release", "fetch", "move", "close",
            "declare", "checkpoint", "load");

    private StatementRecognizer() {
    }

    public static Statement recognize(SqlStatement source) {
        try {
            return new Builder(source).build();
        } catch (RuntimeException e) {
            // A recognizer gap must never fail a build: the statement is then one the rules do not look into.
            return new Builder(source).other(Statement.Kind.OTHER);
        }
    }

    private static final class Builder {
        final SqlStatement source;
        final TokenCursor c;
        Statement.Kind kind = Statement.Kind.OTHER;
        String table;
        List<String> tables = new ArrayList<>();
        List<ColumnDefinition> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        List<AlterAction> actions = new ArrayList<>();
        boolean concurrently;
        boolean ifExists;
        boolean named;
        boolean temporary;
        boolean onCommitDrop;
        boolean cascade;
        String setting;
        SqlToken clause;
        List<List<ColumnTarget>> targetLists = new ArrayList<>();

        Builder(SqlStatement source) {
            this.source = source;
            this.c = new TokenCursor(source.tokens());
        }

        Statement other(Statement.Kind other) {
            return new Statement(other, source, null, List.of(), List.of(), List.of(), List.of(), false, false,
                    false, false, false, false, null, clause, List.copyOf(targetLists));
        }

        Statement done() {
            if (tables.isEmpty() && table != null) {
                tables.add(table);
            }
            return new Statement(kind, source, table, List.copyOf(tables), List.copyOf(columns),
                    List.copyOf(constraints), List.copyOf(actions), concurrently, ifExists, named, temporary,
                    onCommitDrop, cascade, setting, clause, List.copyOf(targetLists));
        }

        Statement build() {
            if (c.accept("create")) {
                return create();
            }
            if (c.accept("alter")) {
                return alter();
            }
            if (c.accept("drop")) {
                return drop();
            }
            if (c.is("begin") || c.accept("start", "transaction")) {
                return other(Statement.Kind.BEGIN);
            }
            if (c.is("commit") || c.is("end")) {
                return other(Statement.Kind.COMMIT);
            }
            if (c.is("rollback") || c.is("abort")) {
                c.next();
                // ROLLBACK TO SAVEPOINT keeps the transaction open.
                return c.is("to") ? other(Statement.Kind.DATA) : other(Statement.Kind.ROLLBACK);
            }
            if (c.accept("set")) {
                kind = Statement.Kind.SET;
                c.accept("session");
                c.accept("local");
                SqlToken name = c.peek();
                setting = name == null ? null : name.name();
                return done();
            }
            if (c.accept("truncate")) {
                return truncate();
            }
            if (c.accept("reindex")) {
                kind = Statement.Kind.REINDEX;
                concurrently = c.aheadAtTopLevel("concurrently");
                return done();
            }
            if (c.accept("vacuum")) {
                clause = vacuumFull();
                return other(Statement.Kind.VACUUM);
            }
            if (c.is("cluster")) {
                return other(Statement.Kind.CLUSTER);
            }
            if (c.accept("insert", "into")) {
                insertTargets();
                return other(Statement.Kind.DATA);
            }
            if (c.accept("update")) {
                updateTargets();
                return other(Statement.Kind.DATA);
            }
            if (c.is("do")) {
                return other(Statement.Kind.DO);
            }
            SqlToken first = c.peek();
            if (first != null && first.kind() == SqlToken.Kind.WORD
                    && DATA_STATEMENTS.contains(first.text().toLowerCase(Locale.ROOT))) {
                return other(Statement.Kind.DATA);
            }
            if (first != null && first.isSymbol("(")) {
                return other(Statement.Kind.DATA);
            }
            return other(Statement.Kind.OTHER);
        }

        Statement create() {
            c.accept("or", "replace");
            if (c.accept("database")) {
                return other(Statement.Kind.CREATE_DATABASE);
            }
            c.accept("global");
            c.accept("local");
            if (c.accept("temporary") || c.accept("temp")) {
                temporary = true;
            }
            c.accept("unlogged");
            if (c.accept("table")) {
                return createTable();
            }
            if (c.accept("domain")) {
                return createDomain();
            }
            c.accept("recursive");
            if (c.accept("view") || c.accept("materialized", "view")) {
                c.accept("if", "not", "exists");
                c.name();
                if (c.isSymbol("(")) {
                    targetLists.add(targets(new TokenCursor(c.group()).commaSeparated()));
                }
                return other(Statement.Kind.OTHER);
            }
            c.accept("unique");
            if (c.accept("index")) {
                return createIndex();
            }
            return other(Statement.Kind.OTHER);
        }

        Statement createTable() {
            kind = Statement.Kind.CREATE_TABLE;
            ifExists = c.accept("if", "not", "exists");
            table = c.name();
            if (c.isSymbol("(")) {
                for (List<SqlToken> element : new TokenCursor(c.group()).commaSeparated()) {
                    if (element.isEmpty()) {
                        continue;
                    }
                    SqlToken head = element.get(0);
                    if (head.kind() == SqlToken.Kind.WORD
                            && TABLE_CONSTRAINT_START.contains(head.text().toLowerCase(Locale.ROOT))) {
                        constraints.add(tableConstraint(new TokenCursor(element)));
                    } else if (!head.is("like")) {
                        columns.add(column(new TokenCursor(element)));
                    }
                }
            }
            onCommitDrop = c.aheadAtTopLevel("on", "commit", "drop");
            return done();
        }

        /** CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT e] [[CONSTRAINT n] {NOT NULL | NULL | CHECK (e)}]... */
        Statement createDomain() {
            c.name();
            // A DEFAULT expression cannot hold CHECK or NOT NULL outside parentheses, which skip() passes over.
            while (!c.atEnd() && clause == null) {
                SqlToken t = c.peek();
                if (t.is("constraint") || t.is("check") || t.is("not") && c.peek(1) != null && c.peek(1).is("null")) {
                    clause = t;
                }
                c.skip();
            }
            return other(Statement.Kind.CREATE_DOMAIN);
        }

        /** The FULL of VACUUM FULL or VACUUM (FULL [true]), or null (also for FULL false). */
        SqlToken vacuumFull() {
            if (c.is("full")) {
                return c.peek();
            }
            if (!c.isSymbol("(")) {
                return null;
            }
            for (List<SqlToken> option : new TokenCursor(c.group()).commaSeparated()) {
                if (!option.isEmpty() && option.get(0).is("full")) {
                    boolean off = option.size() > 1 && (option.get(1).is("false") || option.get(1).is("off")
                            || option.get(1).text().equals("0"));
                    return off ? null : option.get(0);
                }
            }
            return null;
        }

        /** INSERT INTO t [AS a] [(columns)] ... [ON CONFLICT ... DO UPDATE SET list]. */
        void insertTargets() {
            table = c.name();
            if (c.accept("as")) {
                c.name();
            }
            if (c.isSymbol("(")) {
                List<SqlToken> columns = c.group();
                // INSERT INTO t (SELECT ...) has a query here, not a column list.
                if (!columns.isEmpty() && !columns.get(0).is("select") && !columns.get(0).is("values")
                        && !columns.get(0).is("with")) {
                    targetLists.add(targets(new TokenCursor(columns).commaSeparated()));
                }
            }
            while (!c.atEnd()) {
                if (c.accept("do", "update", "set")) {
                    targetLists.add(setList());
                    return;
                }
                c.skip();
            }
        }

        /** UPDATE [ONLY] t [*] [[AS] a] SET list [FROM ...] [WHERE ...] [RETURNING ...]. */
        void updateTargets() {
            c.accept("only");
            table = c.name();
            while (!c.atEnd() && !c.is("set")) {
                c.skip();
            }
            if (c.accept("set")) {
                targetLists.add(setList());
            }
        }

        /** {@code a = 1, b[2] = 2, (c, d) = (3, 4)} up to FROM, WHERE or RETURNING. */
        List<ColumnTarget> setList() {
            List<ColumnTarget> targets = new ArrayList<>();
            for (List<SqlToken> assignment : c.commaSeparatedUntil("from", "where", "returning")) {
                TokenCursor a = new TokenCursor(assignment);
                if (a.isSymbol("(")) {
                    targets.addAll(targets(new TokenCursor(a.group()).commaSeparated()));
                } else {
                    targets.addAll(targets(List.of(assignment)));
                }
            }
            return targets;
        }

        /** Column names, each possibly followed by a subscript or a field, up to '=' or the end of its part. */
        static List<ColumnTarget> targets(List<List<SqlToken>> parts) {
            List<ColumnTarget> targets = new ArrayList<>();
            for (List<SqlToken> part : parts) {
                if (part.isEmpty() || !part.get(0).isIdentifier()) {
                    continue;
                }
                SqlToken next = part.size() > 1 ? part.get(1) : null;
                boolean partial = next != null && (next.isSymbol("[") || next.isSymbol("."));
                targets.add(new ColumnTarget(part.get(0).name(), part.get(0), partial));
            }
            return targets;
        }

        Statement createIndex() {
            kind = Statement.Kind.CREATE_INDEX;
            concurrently = c.accept("concurrently");
            ifExists = c.accept("if", "not", "exists");
            if (!c.is("on")) {
                named = c.name() != null;
            }
            if (c.accept("on")) {
                c.accept("only");
                table = c.name();
            }
            return done();
        }

        Statement alter() {
            if (c.accept("table")) {
                return alterTable();
            }
            if (c.accept("type")) {
                c.name();
                if (!c.accept("add", "value")) {
                    return other(Statement.Kind.OTHER);
                }
                c.accept("if", "not", "exists");
                c.next();
                clause = c.is("before") || c.is("after") ? c.peek() : null;
                return other(Statement.Kind.ALTER_TYPE_ADD_VALUE);
            }
            if (c.accept("domain")) {
                c.name();
                clause = c.is("add") ? c.peek() : null;
                return other(Statement.Kind.ALTER_DOMAIN);
            }
            if (c.is("system")) {
                return other(Statement.Kind.ALTER_SYSTEM);
            }
            return other(Statement.Kind.OTHER);
        }

        Statement alterTable() {
            kind = Statement.Kind.ALTER_TABLE;
            ifExists = c.accept("if", "exists");
            c.accept("only");
            table = c.name();
            c.acceptSymbol("*");
            for (List<SqlToken> part : c.commaSeparated()) {
                if (!part.isEmpty()) {
                    actions.add(action(new TokenCursor(part)));
                }
            }
            return done();
        }

        AlterAction action(TokenCursor a) {
            SqlToken at = a.peek();
            if (a.accept("add")) {
                SqlToken head = a.peek();
                if (head != null && head.kind() == SqlToken.Kind.WORD
                        && TABLE_CONSTRAINT_START.contains(head.text().toLowerCase(Locale.ROOT))) {
                    TableConstraint constraint = tableConstraint(a);
                    return new AlterAction(AlterAction.Kind.ADD_CONSTRAINT, at, null, null, null, constraint, null,
                            constraint.name(), false, false);
                }
                a.accept("column");
                boolean ifNotExists = a.accept("if", "not", "exists");
                ColumnDefinition column = column(a);
                return new AlterAction(AlterAction.Kind.ADD_COLUMN, at, column.name(), null, column, null, null,
                        null, ifNotExists, false);
            }
            if (a.accept("drop")) {
                if (a.accept("constraint")) {
                    boolean exists = a.accept("if", "exists");
                    String name = a.name();
                    return new AlterAction(AlterAction.Kind.DROP_CONSTRAINT, at, null, null, null, null, null, name,
                            exists, false);
                }
                if (a.is("row") || a.is("expression") || a.is("identity")) {
                    return AlterAction.of(AlterAction.Kind.OTHER, at);
                }
                a.accept("column");
                boolean exists = a.accept("if", "exists");
                return new AlterAction(AlterAction.Kind.DROP_COLUMN, at, a.name(), null, null, null, null, null,
                        exists, false);
            }
            if (a.accept("alter")) {
                if (a.is("constraint")) {
                    return AlterAction.of(AlterAction.Kind.OTHER, at);
                }
                a.accept("column");
                String column = a.name();
                if (a.accept("set", "data", "type") || a.accept("type")) {
                    return new AlterAction(AlterAction.Kind.ALTER_COLUMN_TYPE, at, column, null, null, null,
                            type(a), null, false, false);
                }
                AlterAction.Kind kind = a.accept("set", "not", "null") ? AlterAction.Kind.SET_NOT_NULL
                        : a.accept("drop", "not", "null") ? AlterAction.Kind.DROP_NOT_NULL
                        : a.accept("set", "default") ? AlterAction.Kind.SET_DEFAULT
                        : a.accept("drop", "default") ? AlterAction.Kind.DROP_DEFAULT
                        : AlterAction.Kind.OTHER;
                return new AlterAction(kind, at, column, null, null, null, null, null, false, false);
            }
            if (a.accept("validate", "constraint")) {
                return new AlterAction(AlterAction.Kind.VALIDATE_CONSTRAINT, at, null, null, null, null, null,
                        a.name(), false, false);
            }
            if (a.accept("rename")) {
                if (a.accept("to")) {
                    return new AlterAction(AlterAction.Kind.RENAME_TABLE, at, null, a.name(), null, null, null, null,
                            false, false);
                }
                AlterAction.Kind kind = a.accept("constraint") ? AlterAction.Kind.RENAME_CONSTRAINT
                        : AlterAction.Kind.RENAME_COLUMN;
                a.accept("column");
                String old = a.name();
                a.accept("to");
                return new AlterAction(kind, at, old, a.name(), null, null, null, null, false, false);
            }
            if (a.accept("set", "schema")) {
                return AlterAction.of(AlterAction.Kind.SET_SCHEMA, at);
            }
            if (a.accept("attach", "partition")) {
                return AlterAction.of(AlterAction.Kind.ATTACH_PARTITION, at);
            }
            if (a.accept("detach", "partition")) {
                a.name();
                boolean concurrent = a.is("concurrently") || a.is("finalize");
                return new AlterAction(AlterAction.Kind.DETACH_PARTITION, at, null, null, null, null, null, null,
                        false, concurrent);
            }
            return AlterAction.of(AlterAction.Kind.OTHER, at);
        }

        Statement drop() {
            if (c.accept("database")) {
                return other(Statement.Kind.DROP_DATABASE);
            }
            if (c.accept("table")) {
                kind = Statement.Kind.DROP_TABLE;
            } else if (c.accept("index")) {
                kind = Statement.Kind.DROP_INDEX;
                concurrently = c.accept("concurrently");
            } else {
                return other(Statement.Kind.OTHER);
            }
            ifExists = c.accept("if", "exists");
            names();
            cascade = c.is("cascade");
            return done();
        }

        Statement truncate() {
            kind = Statement.Kind.TRUNCATE;
            c.accept("table");
            c.accept("only");
            names();
            cascade = c.aheadAtTopLevel("cascade");
            return done();
        }

        /** A comma-separated list of names, as in DROP TABLE a, b. */
        void names() {
            do {
                String name = c.name();
                if (name == null) {
                    return;
                }
                c.acceptSymbol("*");
                tables.add(name);
                if (table == null) {
                    table = name;
                }
            } while (c.acceptSymbol(","));
        }

        ColumnDefinition column(TokenCursor a) {
            SqlToken at = a.peek();
            String name = a.name();
            DataType type = type(a);
            boolean notNull = false;
            List<SqlToken> defaultValue = null;
            SqlToken generated = null;
            boolean identity = false;
            SqlToken references = null;
            SqlToken primaryKey = null;
            SqlToken unique = null;
            while (!a.atEnd()) {
                SqlToken t = a.peek();
                if (a.accept("not", "null")) {
                    notNull = true;
                } else if (a.accept("default")) {
                    defaultValue = expression(a);
                } else if (t.is("generated")) {
                    generated = t;
                    a.next();
                    while (!a.atEnd() && !a.is("as")) {
                        a.next();
                    }
                    a.accept("as");
                    identity = a.is("identity");
                    a.skip();
                    a.skip();
                } else if (t.is("references")) {
                    references = t;
                    a.next();
                } else if (t.is("primary")) {
                    primaryKey = t;
                    a.next();
                } else if (t.is("unique")) {
                    unique = t;
                    a.next();
                } else {
                    a.skip();
                }
            }
            return new ColumnDefinition(name, at, type, notNull, defaultValue, generated, identity, references,
                    primaryKey, unique);
        }

        /** A default expression: at least one token, then up to the next column constraint. */
        List<SqlToken> expression(TokenCursor a) {
            List<SqlToken> tokens = new ArrayList<>();
            while (!a.atEnd()) {
                SqlToken t = a.peek();
                if (!tokens.isEmpty() && t.kind() == SqlToken.Kind.WORD
                        && COLUMN_CONSTRAINT_START.contains(t.text().toLowerCase(Locale.ROOT))
                        && !(t.is("not") && a.peek(1) != null && !a.peek(1).is("null")
                        && !a.peek(1).is("deferrable"))) {
                    break;
                }
                if (t.isSymbol("(") || t.isSymbol("[")) {
                    // The opening parenthesis stays, so a call still reads as a word followed by "(".
                    tokens.add(t);
                    tokens.addAll(a.group());
                } else {
                    tokens.add(a.next());
                }
            }
            return tokens;
        }

        /** A type name: words (and a schema) up to a column constraint, with an optional modifier and array marks. */
        DataType type(TokenCursor a) {
            SqlToken at = a.peek();
            if (at == null || !at.isIdentifier() || (at.kind() == SqlToken.Kind.WORD
                    && COLUMN_CONSTRAINT_START.contains(at.text().toLowerCase(Locale.ROOT)))) {
                return null;
            }
            StringBuilder name = new StringBuilder();
            boolean modified = false;
            while (!a.atEnd()) {
                SqlToken t = a.peek();
                if (t.isSymbol("(")) {
                    a.group();
                    modified = true;
                } else if (t.isSymbol("[") || t.isSymbol("]")) {
                    a.next();
                } else if (t.isSymbol(".")) {
                    a.next();
                    name.setLength(0);
                } else if (t.isIdentifier() && !(t.kind() == SqlToken.Kind.WORD
                        && (COLUMN_CONSTRAINT_START.contains(t.text().toLowerCase(Locale.ROOT)) || t.is("using")))) {
                    a.next();
                    if (name.length() > 0) {
                        name.append(' ');
                    }
                    name.append(t.name());
                } else {
                    break;
                }
            }
            return new DataType(name.toString(), modified, at);
        }

        TableConstraint tableConstraint(TokenCursor a) {
            SqlToken at = a.peek();
            String name = null;
            if (a.accept("constraint")) {
                name = a.name();
            }
            TableConstraint.Kind kind = a.is("check") ? TableConstraint.Kind.CHECK
                    : a.is("foreign") ? TableConstraint.Kind.FOREIGN_KEY
                    : a.is("unique") ? TableConstraint.Kind.UNIQUE
                    : a.is("primary") ? TableConstraint.Kind.PRIMARY_KEY
                    : a.is("exclude") ? TableConstraint.Kind.EXCLUDE
                    : a.is("not") ? TableConstraint.Kind.NOT_NULL
                    : TableConstraint.Kind.OTHER;
            String notNullColumn = null;
            if (kind == TableConstraint.Kind.CHECK) {
                a.next();
                notNullColumn = notNullCheck(a.group());
            }
            boolean notValid = a.aheadAtTopLevel("not", "valid");
            boolean usingIndex = a.aheadAtTopLevel("using", "index") && !a.aheadAtTopLevel("using", "index",
                    "tablespace");
            while (!a.atEnd()) {
                a.skip();
            }
            return new TableConstraint(kind, name, at, notValid, usingIndex, notNullColumn);
        }

        /** The column c of a check {@code c IS NOT NULL} (in any number of parentheses), or null. */
        static String notNullCheck(List<SqlToken> check) {
            List<SqlToken> tokens = check;
            while (tokens.size() > 2 && tokens.get(0).isSymbol("(") && tokens.get(tokens.size() - 1).isSymbol(")")) {
                tokens = tokens.subList(1, tokens.size() - 1);
            }
            if (tokens.size() == 4 && tokens.get(0).isIdentifier() && tokens.get(1).is("is")
                    && tokens.get(2).is("not") && tokens.get(3).is("null")) {
                return tokens.get(0).name();
            }
            return null;
        }
    }
}
