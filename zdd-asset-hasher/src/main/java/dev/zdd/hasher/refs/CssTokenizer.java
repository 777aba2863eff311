package dev.zdd.hasher.refs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits CSS into tokens as CSS Syntax Level 3, section 4 does, keeping each token's offsets in the original text
 * so that a URL can be replaced in place.
 *
 * <p>Two deliberate differences from the specification. The input is not preprocessed, because offsets must stay
 * those of the original text: CRLF, CR and form feed count as newlines where the specification says newline, and
 * U+0000 decodes to U+FFFD. Comments are returned as {@link Type#COMMENT} tokens instead of being dropped, because
 * {@code /*# sourceMappingURL=... *}{@code /} is a reference too.
 */
public final class CssTokenizer {
    private static final int EOF = -1;
    private static final char REPLACEMENT = '\uFFFD';
    private static final int MAX_CODE_POINT = 0x10FFFF;

    /** Token types of section 4, plus {@link #COMMENT} and {@link #EOF}. */
    public enum Type {
        IDENT, FUNCTION, AT_KEYWORD, HASH, STRING, BAD_STRING, URL, BAD_URL, DELIM, NUMBER, PERCENTAGE, DIMENSION,
        WHITESPACE, CDO, CDC, COLON, SEMICOLON, COMMA, LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN,
        LEFT_BRACE, RIGHT_BRACE, COMMENT, EOF
    }

    /**
     * One token.
     *
     * @param type       what it is
     * @param start      offset of its first character
     * @param end        offset just past its last character
     * @param value      its decoded value, escapes resolved: the name of an ident, function, at-keyword or hash;
     *                   the contents of a string or url; the unit of a dimension; the number of a number or
     *                   percentage; the character of a delim; the raw text of a comment (without its delimiters)
     *                   and of every other token; empty for a bad url
     * @param valueStart offset where the raw text of {@code value} starts: inside the quotes of a string, after
     *                   {@code url(} and its whitespace, after {@code @} or {@code #}, after {@code /*}
     * @param valueEnd   offset just past the raw text of {@code value}: before the closing quote, before the
     *                   whitespace and {@code )} of a url, before the {@code (} of a function
     */
    public record Token(Type type, int start, int end, String value, int valueStart, int valueEnd) {
        public TextRange range() {
            return new TextRange(start, end);
        }

        public TextRange valueRange() {
            return new TextRange(valueStart, valueEnd);
        }
    }

    private final String text;
    private final int length;
    private final StringBuilder decoded = new StringBuilder();
    private int pos;
    /** The current token, as {@link #advance} left it: its type, start, value range and where its value is. */
    private Type type;
    private int tokenStart;
    private int valueStart;
    private int valueEnd;
    /** Whether the value is in {@link #decoded} (escapes resolved) rather than the text of the value range. */
    private boolean valueDecoded;

    public CssTokenizer(String text) {
        this.text = Objects.requireNonNull(text, "text");
        this.length = text.length();
    }

    /** Every token of {@code text} in order, without the final {@link Type#EOF}. They cover the text exactly. */
    public static List<Token> tokenize(String text) {
        CssTokenizer tokenizer = new CssTokenizer(text);
        List<Token> tokens = new ArrayList<>();
        for (Token token = tokenizer.next(); token.type() != Type.EOF; token = tokenizer.next()) {
            tokens.add(token);
        }
        return tokens;
    }

    /** True if {@code name} equals {@code lowerCase} ignoring ASCII case only, as CSS compares keywords. */
    static boolean nameIs(CharSequence name, String lowerCase) {
        if (name.length() != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The next token; {@link Type#EOF} (empty, at the end of the text) once the text is used up. */
    public Token next() {
        Type next = advance();
        return new Token(next, tokenStart, pos, value(), valueStart, valueEnd);
    }

    /**
     * Moves to the next token without making a {@link Token} of it: its parts are read with {@link #start},
     * {@link #end}, {@link #valueStart}, {@link #valueEnd}, {@link #value} and {@link #valueIs}. A reader that
     * wants few tokens' values (URLs among a style sheet's numbers and names) makes no string for the others.
     */
    public Type advance() {
        valueDecoded = false;
        type = token();
        return type;
    }

    /** Offset of the current token's first character. */
    public int start() {
        return tokenStart;
    }

    /** Offset just past the current token. */
    public int end() {
        return pos;
    }

    public int valueStart() {
        return valueStart;
    }

    public int valueEnd() {
        return valueEnd;
    }

    /** The current token's value, as {@link Token#value} describes it. */
    public String value() {
        if (type == Type.EOF || type == Type.BAD_URL) {
            return "";
        }
        if (valueDecoded) {
            return decoded.toString();
        }
        return valueStart == valueEnd ? "" : rawText(valueStart, valueEnd);
    }

    /** Whether the current token's value equals {@code lowerCase} ignoring ASCII case, without making a string. */
    public boolean valueIs(String lowerCase) {
        if (valueDecoded) {
            return nameIs(decoded, lowerCase);
        }
        return regionIs(valueStart, valueEnd, lowerCase);
    }

    private Type token() {
        int start = pos;
        tokenStart = start;
        int c = at(pos);
        if (c == EOF) {
            return set(Type.EOF, start, start);
        }
        if (c == '/' && at(pos + 1) == '*') {
            return consumeComment(start);
        }
        if (isWhitespace(c)) {
            while (isWhitespace(at(pos))) {
                pos++;
            }
            return raw(Type.WHITESPACE, start);
        }
        switch (c) {
            case '"', '\'' -> {
                pos++;
                return consumeString(start, c);
            }
            case '#' -> {
                if (isIdentChar(at(pos + 1)) || isValidEscape(pos + 1)) {
                    pos++;
                    consumeIdentSequence();
                    return set(Type.HASH, start + 1, pos);
                }
                return delim(start);
            }
            case '(' -> {
                return single(Type.LEFT_PAREN, start);
            }
            case ')' -> {
                return single(Type.RIGHT_PAREN, start);
            }
            case '[' -> {
                return single(Type.LEFT_BRACKET, start);
            }
            case ']' -> {
                return single(Type.RIGHT_BRACKET, start);
            }
            case '{' -> {
                return single(Type.LEFT_BRACE, start);
            }
            case '}' -> {
                return single(Type.RIGHT_BRACE, start);
            }
            case ',' -> {
                return single(Type.COMMA, start);
            }
            case ':' -> {
                return single(Type.COLON, start);
            }
            case ';' -> {
                return single(Type.SEMICOLON, start);
            }
            case '+', '.' -> {
                return startsNumber(pos) ? consumeNumeric(start) : delim(start);
            }
            case '-' -> {
                if (startsNumber(pos)) {
                    return consumeNumeric(start);
                }
                if (at(pos + 1) == '-' && at(pos + 2) == '>') {
                    pos += 3;
                    return raw(Type.CDC, start);
                }
                return startsIdentSequence(pos) ? consumeIdentLike(start) : delim(start);
            }
            case '<' -> {
                if (text.startsWith("!--", pos + 1)) {
                    pos += 4;
                    return raw(Type.CDO, start);
                }
                return delim(start);
            }
            case '@' -> {
                if (startsIdentSequence(pos + 1)) {
                    pos++;
                    consumeIdentSequence();
                    return set(Type.AT_KEYWORD, start + 1, pos);
                }
                return delim(start);
            }
            case '\\' -> {
                return isValidEscape(pos) ? consumeIdentLike(start) : delim(start);
            }
            default -> {
                if (isDigit(c)) {
                    return consumeNumeric(start);
                }
                return isIdentStart(c) ? consumeIdentLike(start) : delim(start);
            }
        }
    }

    private Type consumeComment(int start) {
        int contentStart = start + 2;
        int close = text.indexOf("*/", contentStart);
        // An unterminated comment runs to the end of the text (4.3.2).
        int contentEnd = close < 0 ? length : close;
        pos = close < 0 ? length : close + 2;
        return set(Type.COMMENT, contentStart, contentEnd);
    }

    /** 4.3.5. {@code pos} is just past the opening quote. */
    private Type consumeString(int start, int quote) {
        decoded.setLength(0);
        int contentStart = pos;
        while (true) {
            int c = at(pos);
            if (c == quote) {
                pos++;
                return decodedValue(Type.STRING, contentStart, pos - 1);
            }
            if (c == EOF) {
                return decodedValue(Type.STRING, contentStart, pos);
            }
            if (isNewline(c)) {
                // The newline is not part of the bad string; it becomes whitespace.
                return decodedValue(Type.BAD_STRING, contentStart, pos);
            }
            if (c == '\\') {
                int next = at(pos + 1);
                if (next == EOF) {
                    pos++;
                } else if (isNewline(next)) {
                    // An escaped newline continues the string on the next line and adds nothing.
                    pos += 1 + newlineWidth(pos + 1);
                } else {
                    pos++;
                    consumeEscape();
                }
            } else {
                decoded.append((char) c);
                pos++;
            }
        }
    }

    /** 4.3.3. */
    private Type consumeNumeric(int start) {
        consumeNumber();
        int numberEnd = pos;
        if (startsIdentSequence(pos)) {
            int unitStart = pos;
            consumeIdentSequence();
            return set(Type.DIMENSION, unitStart, pos);
        }
        if (at(pos) == '%') {
            pos++;
            return set(Type.PERCENTAGE, start, numberEnd);
        }
        return set(Type.NUMBER, start, numberEnd);
    }

    /** 4.3.12, keeping only the extent: callers need the representation, which is the raw text. */
    private void consumeNumber() {
        if (at(pos) == '+' || at(pos) == '-') {
            pos++;
        }
        skipDigits();
        if (at(pos) == '.' && isDigit(at(pos + 1))) {
            pos += 2;
            skipDigits();
        }
        int e = at(pos);
        if (e == 'e' || e == 'E') {
            int sign = at(pos + 1);
            if (isDigit(sign)) {
                pos += 2;
                skipDigits();
            } else if ((sign == '+' || sign == '-') && isDigit(at(pos + 2))) {
                pos += 3;
                skipDigits();
            }
        }
    }

    private void skipDigits() {
        while (isDigit(at(pos))) {
            pos++;
        }
    }

    /** 4.3.4. */
    private Type consumeIdentLike(int start) {
        int nameStart = pos;
        consumeIdentSequence();
        int nameEnd = pos;
        if (at(pos) != '(') {
            return set(Type.IDENT, nameStart, nameEnd);
        }
        pos++;
        if (!(valueDecoded ? nameIs(decoded, "url") : regionIs(nameStart, nameEnd, "url"))) {
            return set(Type.FUNCTION, nameStart, nameEnd);
        }
        // Leave at most one whitespace, so that url( "x") still becomes a function followed by a string.
        while (isWhitespace(at(pos)) && isWhitespace(at(pos + newlineWidth(pos)))) {
            pos += newlineWidth(pos);
        }
        int next = at(pos);
        int afterSpace = isWhitespace(next) ? at(pos + newlineWidth(pos)) : next;
        if (afterSpace == '"' || afterSpace == '\'') {
            return set(Type.FUNCTION, nameStart, nameEnd);
        }
        return consumeUrl(start);
    }

    /** 4.3.6. {@code pos} is just past {@code url(}. */
    private Type consumeUrl(int start) {
        while (isWhitespace(at(pos))) {
            pos++;
        }
        decoded.setLength(0);
        int valueStart = pos;
        int valueEnd = pos;
        while (true) {
            int c = at(pos);
            if (c == ')') {
                pos++;
                return decodedValue(Type.URL, valueStart, valueEnd);
            }
            if (c == EOF) {
                return decodedValue(Type.URL, valueStart, valueEnd);
            }
            if (isWhitespace(c)) {
                while (isWhitespace(at(pos))) {
                    pos++;
                }
                if (at(pos) == ')') {
                    pos++;
                    return decodedValue(Type.URL, valueStart, valueEnd);
                }
                if (at(pos) == EOF) {
                    return decodedValue(Type.URL, valueStart, valueEnd);
                }
                return consumeBadUrlRemnants(start, valueStart);
            }
            if (c == '"' || c == '\'' || c == '(' || isNonPrintable(c)) {
                return consumeBadUrlRemnants(start, valueStart);
            }
            if (c == '\\') {
                if (!isValidEscape(pos)) {
                    return consumeBadUrlRemnants(start, valueStart);
                }
                pos++;
                consumeEscape();
            } else {
                decoded.append((char) c);
                pos++;
            }
            valueEnd = pos;
        }
    }

    /** 4.3.14: skips to the {@code )} that ends the bad url, stepping over escaped {@code )}. */
    private Type consumeBadUrlRemnants(int start, int valueStart) {
        while (true) {
            int c = at(pos);
            if (c == EOF) {
                return set(Type.BAD_URL, valueStart, pos);
            }
            if (c == ')') {
                pos++;
                return set(Type.BAD_URL, valueStart, pos - 1);
            }
            if (isValidEscape(pos)) {
                pos++;
                consumeEscape();
            } else {
                pos++;
            }
        }
    }

    /**
     * 4.3.11. The name is the text it spans unless it holds escapes (or NULs); then it is decoded into
     * {@link #decoded}, whose previous contents are lost, and {@link #valueDecoded} says so.
     */
    private void consumeIdentSequence() {
        // Most names have no escapes (nor NULs, read as U+FFFD): take them straight from the text.
        int start = pos;
        while (pos < length && text.charAt(pos) != 0 && isIdentChar(at(pos))) {
            pos++;
        }
        if (!isValidEscape(pos) && !(pos < length && text.charAt(pos) == 0)) {
            return;
        }
        valueDecoded = true;
        decoded.setLength(0);
        decoded.append(text, start, pos);
        while (true) {
            int c = at(pos);
            if (isIdentChar(c)) {
                decoded.append((char) c);
                pos++;
            } else if (isValidEscape(pos)) {
                pos++;
                consumeEscape();
            } else {
                return;
            }
        }
    }

    /** 4.3.7. {@code pos} is just past the backslash of a valid escape; appends the escaped code point. */
    private void consumeEscape() {
        int c = at(pos);
        if (c == EOF) {
            decoded.append(REPLACEMENT);
            return;
        }
        if (!isHexDigit(c)) {
            decoded.append((char) c);
            pos++;
            return;
        }
        int codePoint = 0;
        for (int digits = 0; digits < 6 && isHexDigit(at(pos)); digits++) {
            codePoint = codePoint * 16 + Character.digit(at(pos), 16);
            pos++;
        }
        // One whitespace after a hex escape ends it and belongs to it.
        if (isWhitespace(at(pos))) {
            pos += newlineWidth(pos);
        }
        boolean invalid = codePoint == 0 || codePoint > MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
        decoded.appendCodePoint(invalid ? REPLACEMENT : codePoint);
    }

    /** 4.3.8. */
    private boolean isValidEscape(int i) {
        return at(i) == '\\' && !isNewline(at(i + 1));
    }

    /** 4.3.9. */
    private boolean startsIdentSequence(int i) {
        int c = at(i);
        if (c == '-') {
            int next = at(i + 1);
            return isIdentStart(next) || next == '-' || isValidEscape(i + 1);
        }
        if (c == '\\') {
            return isValidEscape(i);
        }
        return isIdentStart(c);
    }

    /** 4.3.10. */
    private boolean startsNumber(int i) {
        int c = at(i);
        if (c == '+' || c == '-') {
            int next = at(i + 1);
            return isDigit(next) || (next == '.' && isDigit(at(i + 2)));
        }
        if (c == '.') {
            return isDigit(at(i + 1));
        }
        return isDigit(c);
    }

    /** The character at {@code i} as the preprocessed input would have it (U+0000 read as U+FFFD), or EOF. */
    private int at(int i) {
        if (i >= length) {
            return EOF;
        }
        char c = text.charAt(i);
        return c == 0 ? REPLACEMENT : c;
    }

    /** CRLF is one newline of two characters; every other character is one. */
    private int newlineWidth(int i) {
        return text.charAt(i) == '\r' && i + 1 < length && text.charAt(i + 1) == '\n' ? 2 : 1;
    }

    private Type single(Type type, int start) {
        pos = start + 1;
        return raw(type, start);
    }

    private Type delim(int start) {
        pos = start + 1;
        return set(Type.DELIM, start, pos);
    }

    private Type raw(Type type, int start) {
        return set(type, start, pos);
    }

    private Type set(Type next, int from, int to) {
        valueStart = from;
        valueEnd = to;
        return next;
    }

    private Type decodedValue(Type next, int from, int to) {
        valueDecoded = true;
        return set(next, from, to);
    }

    /** Whether {@code text[from, to)} equals {@code lowerCase} ignoring ASCII case. */
    private boolean regionIs(int from, int to, String lowerCase) {
        if (to - from != lowerCase.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCase.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text[start, end)}, shared for one ASCII character and for the usual runs of whitespace: most tokens are
     * punctuation and indentation, and a new string for each was most of the tokenizer's garbage.
     */
    private String rawText(int start, int end) {
        char first = text.charAt(start);
        if (end - start == 1 && first < ONE_CHARACTER.length) {
            return ONE_CHARACTER[first];
        }
        int spaces = first == '\n' ? 1 : 0;
        while (start + spaces < end && text.charAt(start + spaces) == ' ') {
            spaces++;
        }
        if (start + spaces == end) {
            String[] runs = first == '\n' ? NEWLINE_INDENTS : SPACES;
            int n = first == '\n' ? end - start - 1 : end - start;
            if (n < runs.length) {
                return runs[n];
            }
        }
        return text.substring(start, end);
    }

    private static final String[] ONE_CHARACTER = new String[128];
    /** {@code SPACES[n]}: n spaces; {@code NEWLINE_INDENTS[n]}: a newline and n spaces. */
    private static final String[] SPACES = new String[33];
    private static final String[] NEWLINE_INDENTS = new String[33];

    static {
        for (char c = 0; c < ONE_CHARACTER.length; c++) {
            ONE_CHARACTER[c] = String.valueOf(c);
        }
        for (int n = 0; n < SPACES.length; n++) {
            SPACES[n] = " ".repeat(n);
            NEWLINE_INDENTS[n] = "\n" + SPACES[n];
        }
    }

    private static boolean isNewline(int c) {
        return c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || isNewline(c);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Letters, underscore and every non-ASCII character (surrogates included, so pairs stay together). */
    private static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentChar(int c) {
        return isIdentStart(c) || isDigit(c) || c == '-';
    }

    private static boolean isNonPrintable(int c) {
        return (c >= 0 && c <= 0x08) || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
    }
}
