package dev.zdd.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SqlLexerTest {
    private static List<String> texts(String sql) {
        LexedSql lexed = SqlLexer.lex(sql);
        assertNull(lexed.problem(), () -> "unexpected problem: " + lexed.problem());
        return lexed.tokens().stream().map(SqlToken::text).toList();
    }

    private static List<String> statements(String sql) {
        return StatementSplitter.split(SqlLexer.lex(sql)).stream().map(SqlStatement::text).toList();
    }

    @Test
    void semicolonsInsideStringsCommentsAndIdentifiersDoNotSplit() {
        assertEquals(List.of("SELECT 'a;b''c;'", "SELECT \"x;y\"", "SELECT 1"),
                statements("SELECT 'a;b''c;'; -- not; here\nSELECT \"x;y\" /* ; */; SELECT 1;"));
    }

    @Test
    void blockCommentsNest() {
        LexedSql lexed = SqlLexer.lex("/* outer /* inner; */ still comment; */ SELECT 1");
        assertEquals(List.of("SELECT", "1"), lexed.tokens().stream().map(SqlToken::text).toList());
        assertEquals(1, lexed.comments().size());
    }

    @Test
    void eStringsHaveBackslashEscapesAndPlainStringsDoNot() {
        assertEquals(List.of("SELECT", "E'it\\'s; fine'", ",", "'C:\\'", ";", "x"),
                texts("SELECT E'it\\'s; fine', 'C:\\'; x"));
    }

    @Test
    void dollarQuotesWithAndWithoutTagsKeepTheirBodyWhole() {
        String sql = """
                DO $$ BEGIN UPDATE t SET a = 1; END $$;
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT $$x;$$; SELECT 1; $body$ LANGUAGE sql;
                SELECT $1, a$b FROM t;
                """;
        List<String> statements = statements(sql);
        assertEquals(3, statements.size(), statements.toString());
        assertEquals("DO $$ BEGIN UPDATE t SET a = 1; END $$", statements.get(0));
        assertEquals(List.of("SELECT", "$1", ",", "a$b", "FROM", "t"), texts("SELECT $1, a$b FROM t"));
    }

    @Test
    void sqlStandardFunctionBodiesKeepTheirSemicolons() {
        List<String> statements = statements("""
                CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;
                SELECT 3;
                """);
        assertEquals(2, statements.size(), statements.toString());
        assertEquals("SELECT 3", statements.get(1));
    }

    @Test
    void tokensKnowTheirLineAndColumn() {
        List<SqlStatement> statements = StatementSplitter.split(SqlLexer.lex(
                "-- header\nCREATE TABLE t (a int);\r\n\r\n  ALTER TABLE t\n    ADD COLUMN b text;"));
        assertEquals(2, statements.size());
        assertEquals(2, statements.get(0).line());
        assertEquals(1, statements.get(0).column());
        assertEquals(4, statements.get(1).line());
        assertEquals(3, statements.get(1).column());
        SqlToken add = statements.get(1).tokens().get(3);
        assertEquals("ADD", add.text());
        assertEquals(5, add.line());
        assertEquals(5, add.column());
    }

    @Test
    void unterminatedConstructsAreProblemsWithTheirStart() {
        assertProblem("SELECT 1;\nSELECT 'abc", 2, 8, "unterminated string constant");
        assertProblem("SELECT E'abc\\'", 1, 8, "unterminated string constant");
        assertProblem("SELECT \"abc", 1, 8, "unterminated quoted identifier");
        assertProblem("DO $x$ BEGIN END $y$;", 1, 4, "unterminated dollar-quoted string $x$");
        assertProblem("SELECT 1; /* a /* b */", 1, 11, "unterminated /* comment");
    }

    private static void assertProblem(String sql, int line, int column, String message) {
        LexedSql.Problem problem = SqlLexer.lex(sql).problem();
        assertNotNull(problem, sql);
        assertEquals(new LexedSql.Problem(line, column, message), problem);
    }

    @Test
    void operatorsStopBeforeComments() {
        assertEquals(List.of("SELECT", "1", "+", "2"), texts("SELECT 1 +-- comment\n2"));
        assertEquals(List.of("SELECT", "a", "::", "int", "<>", "b"), texts("SELECT a::int<>b"));
    }

    @Test
    void commentsBeforeAStatementBelongToIt() {
        List<SqlStatement> statements = StatementSplitter.split(SqlLexer.lex(
                "SELECT 1; -- after the first\n-- before the second\nSELECT 2;"));
        assertEquals(List.of("-- before the second"), statements.get(1).comments().stream().map(SqlComment::text)
                .filter(t -> t.contains("second")).toList());
    }
}
