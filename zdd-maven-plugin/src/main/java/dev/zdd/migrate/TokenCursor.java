package dev.zdd.migrate;

import java.util.ArrayList;
import java.util.List;

/** Walks the tokens of one statement (or part of one) for the recognizer; running off the end is never an error. */
final class TokenCursor {
    private final List<SqlToken> tokens;
    private int pos;

    TokenCursor(List<SqlToken> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    /** The current token, or null at the end. */
    SqlToken peek() {
        return peek(0);
    }

    SqlToken peek(int ahead) {
        int at = pos + ahead;
        return at < tokens.size() ? tokens.get(at) : null;
    }

    SqlToken next() {
        return atEnd() ? null : tokens.get(pos++);
    }

    boolean is(String keyword) {
        SqlToken t = peek();
        return t != null && t.is(keyword);
    }

    boolean isSymbol(String symbol) {
        SqlToken t = peek();
        return t != null && t.isSymbol(symbol);
    }

    /** Consumes {@code keywords} if the next tokens are exactly they. */
    boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            SqlToken t = peek(i);
            if (t == null || !t.is(keywords[i])) {
                return false;
            }
        }
        pos += keywords.length;
        return true;
    }

    boolean acceptSymbol(String symbol) {
        if (isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * A possibly qualified name ({@code schema.table}); returns its last part as PostgreSQL sees it, or null if no
     * identifier is here.
     */
    String name() {
        SqlToken t = peek();
        if (t == null || !t.isIdentifier()) {
            return null;
        }
        pos++;
        String name = t.name();
        while (isSymbol(".") && peek(1) != null && peek(1).isIdentifier()) {
            pos++;
            name = next().name();
        }
        return name;
    }

    /** Skips a parenthesised group if one starts here; returns the tokens inside it. */
    List<SqlToken> group() {
        List<SqlToken> inside = new ArrayList<>();
        if (!isSymbol("(") && !isSymbol("[")) {
            return inside;
        }
        int depth = 0;
        while (!atEnd()) {
            SqlToken t = next();
            if (t.isSymbol("(") || t.isSymbol("[")) {
                if (depth++ > 0) {
                    inside.add(t);
                }
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                if (--depth == 0) {
                    return inside;
                }
                inside.add(t);
            } else {
                inside.add(t);
            }
        }
        return inside;
    }

    /** Skips one token, or a whole parenthesised group. */
    void skip() {
        if (isSymbol("(") || isSymbol("[")) {
            group();
        } else {
            next();
        }
    }

    /** The remaining tokens split at commas outside parentheses. */
    List<List<SqlToken>> commaSeparated() {
        return commaSeparatedUntil();
    }

    /** The tokens up to one of {@code stopWords} outside parentheses (left unread), split at commas there. */
    List<List<SqlToken>> commaSeparatedUntil(String... stopWords) {
        List<List<SqlToken>> parts = new ArrayList<>();
        List<SqlToken> part = new ArrayList<>();
        int depth = 0;
        while (!atEnd()) {
            if (depth == 0 && isAnyOf(stopWords)) {
                break;
            }
            SqlToken t = next();
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 0) {
                parts.add(part);
                part = new ArrayList<>();
                continue;
            }
            part.add(t);
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    private boolean isAnyOf(String... keywords) {
        for (String keyword : keywords) {
            if (is(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code keywords} appear in sequence anywhere ahead, outside parentheses. */
    boolean aheadAtTopLevel(String... keywords) {
        int depth = 0;
        for (int i = pos; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && matches(i, keywords)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(int at, String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (at + k >= tokens.size() || !tokens.get(at + k).is(keywords[k])) {
                return false;
            }
        }
        return true;
    }
}
