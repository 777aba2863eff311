package dev.zdd.migrate;

import java.util.Locale;

/**
 * One token of PostgreSQL SQL.
 *
 * @param kind   what sort of token
 * @param text   the token as written (quotes included)
 * @param offset character offset of its first character in the file
 * @param line   1-based line of its first character
 * @param column 1-based column of its first character
 */
public record SqlToken(Kind kind, String text, int offset, int line, int column) {

    public enum Kind {
        /** An unquoted identifier or key word; PostgreSQL folds it to lower case. */
        WORD,
        /** A "double-quoted" identifier, case kept. */
        QUOTED_IDENTIFIER,
        /** A string constant: '...', E'...', U&'...', B'...', X'...'. */
        STRING,
        /** A dollar-quoted string constant: $$...$$ or $tag$...$tag$. */
        DOLLAR_STRING,
        NUMBER,
        /** A positional parameter such as $1. */
        PARAMETER,
        /** An operator such as ::, =, ||, or one of ( ) [ ] , ; . : */
        SYMBOL
    }

    /** True for an unquoted word equal, ignoring case, to {@code keyword}. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The name this token stands for, as PostgreSQL sees it: unquoted words folded, quotes removed. */
    public String name() {
        if (kind == Kind.QUOTED_IDENTIFIER) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    public int end() {
        return offset + text.length();
    }
}
