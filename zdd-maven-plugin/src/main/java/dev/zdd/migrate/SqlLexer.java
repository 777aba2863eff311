package dev.zdd.migrate;

import dev.zdd.hasher.refs.LineIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts PostgreSQL SQL into tokens, following the lexical rules of the PostgreSQL manual (4.1): {@code --} and
 * nested block comments, '' inside strings, backslash escapes only in E'' strings, "" inside quoted identifiers,
 * dollar quoting with an optional tag. Never throws on bad input: an unterminated construct ends the token list
 * and is described in {@link LexedSql#problem()}.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String text;
    private final LineIndex lines;
    private final List<SqlToken> tokens = new ArrayList<>();
    private final List<SqlComment> comments = new ArrayList<>();
    private int pos;

    private SqlLexer(String text) {
        this.text = text;
        this.lines = new LineIndex(text);
    }

    public static LexedSql lex(String text) {
        return new SqlLexer(text).run();
    }

    private LexedSql run() {
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            int start = pos;
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                if (!blockComment()) {
                    return problem(start, "unterminated /* comment");
                }
            } else if (c == '\'') {
                if (!quoted(start + 1, '\'', false)) {
                    return problem(start, "unterminated string constant");
                }
                add(SqlToken.Kind.STRING, start);
            } else if (c == '"') {
                if (!quoted(start + 1, '"', false)) {
                    return problem(start, "unterminated quoted identifier");
                }
                add(SqlToken.Kind.QUOTED_IDENTIFIER, start);
            } else if (c == '$') {
                if (!dollar(start)) {
                    return problem(start, "unterminated dollar-quoted string " + dollarTag(start));
                }
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
                add(SqlToken.Kind.NUMBER, start);
            } else if (isIdentifierStart(c)) {
                String unterminated = word(start);
                if (unterminated != null) {
                    return problem(start, unterminated);
                }
            } else if (c == ':' && peek(1) == ':') {
                pos += 2;
                add(SqlToken.Kind.SYMBOL, start);
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                operator();
                add(SqlToken.Kind.SYMBOL, start);
            } else {
                pos++;
                add(SqlToken.Kind.SYMBOL, start);
            }
        }
        return new LexedSql(text, List.copyOf(tokens), List.copyOf(comments), null);
    }

    private LexedSql problem(int start, String message) {
        return new LexedSql(text, List.copyOf(tokens), List.copyOf(comments),
                new LexedSql.Problem(lines.line(start), lines.column(start), message));
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void add(SqlToken.Kind kind, int start) {
        tokens.add(new SqlToken(kind, text.substring(start, pos), start, lines.line(start), lines.column(start)));
    }

    private void lineComment() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        comment(start);
    }

    /** Block comments nest in PostgreSQL, unlike in standard SQL. */
    private boolean blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            if (text.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (text.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    comment(start);
                    return true;
                }
            } else {
                pos++;
            }
        }
        return false;
    }

    private void comment(int start) {
        comments.add(new SqlComment(text.substring(start, pos), start, lines.line(start), lines.column(start),
                lines.line(Math.max(start, pos - 1))));
    }

    /**
     * Reads up to the closing {@code quote} from {@code from}; a doubled quote stands for itself, and with
     * {@code backslashes} (E'' strings) a backslash escapes the next character.
     */
    private boolean quoted(int from, char quote, boolean backslashes) {
        int i = from;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    pos = i + 1;
                    return true;
                }
            } else {
                i++;
            }
        }
        pos = n;
        return false;
    }

    /** {@code $1}, a dollar-quoted string, or a lone {@code $}. */
    private boolean dollar(int start) {
        if (isDigit(peek(1))) {
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
            add(SqlToken.Kind.PARAMETER, start);
            return true;
        }
        String tag = dollarTag(start);
        if (tag == null) {
            pos++;
            add(SqlToken.Kind.SYMBOL, start);
            return true;
        }
        int close = text.indexOf(tag, start + tag.length());
        if (close < 0) {
            pos = text.length();
            return false;
        }
        pos = close + tag.length();
        add(SqlToken.Kind.DOLLAR_STRING, start);
        return true;
    }

    /** The opening delimiter at {@code start} ({@code $$} or {@code $tag$}), or null if there is none. */
    private String dollarTag(int start) {
        int i = start + 1;
        if (i < text.length() && text.charAt(i) == '$') {
            return "$$";
        }
        if (i >= text.length() || !isIdentifierStart(text.charAt(i))) {
            return null;
        }
        while (i < text.length() && isTagChar(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? text.substring(start, i + 1) : null;
    }

    private void number() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (isDigit(c) || c == '_' || Character.isLetter(c)) {
                pos++;
            } else if (c == '.' && isDigit(peek(1))) {
                pos++;
            } else if (c == '.' && pos + 1 < text.length() && text.charAt(pos + 1) != '.') {
                pos++;
            } else if ((c == '+' || c == '-') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')) {
                pos++;
            } else {
                return;
            }
        }
    }

    /**
     * A word, or a string or quoted identifier with a prefix: E'..', B'..', X'..', N'..', U&'..', U&"..".
     *
     * @return null, or what is unterminated
     */
    private String word(int start) {
        char c = text.charAt(start);
        char next = peek(1);
        if ((c == 'e' || c == 'E') && next == '\'') {
            return prefixed(start, start + 2, '\'', true);
        }
        if ("bBxXnN".indexOf(c) >= 0 && next == '\'') {
            return prefixed(start, start + 2, '\'', false);
        }
        if ((c == 'u' || c == 'U') && next == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            return prefixed(start, start + 3, peek(2), false);
        }
        pos++;
        while (pos < text.length() && (isTagChar(text.charAt(pos)) || text.charAt(pos) == '$')) {
            pos++;
        }
        add(SqlToken.Kind.WORD, start);
        return null;
    }

    private String prefixed(int start, int from, char quote, boolean backslashes) {
        if (!quoted(from, quote, backslashes)) {
            return quote == '"' ? "unterminated quoted identifier" : "unterminated string constant";
        }
        add(quote == '"' ? SqlToken.Kind.QUOTED_IDENTIFIER : SqlToken.Kind.STRING, start);
        return null;
    }

    private void operator() {
        pos++;
        while (pos < text.length() && OPERATOR_CHARS.indexOf(text.charAt(pos)) >= 0
                && !text.startsWith("--", pos) && !text.startsWith("/*", pos)) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isTagChar(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
