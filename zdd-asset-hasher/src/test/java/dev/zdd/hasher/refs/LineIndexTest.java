package dev.zdd.hasher.refs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineIndexTest {

    private static void assertPosition(LineIndex index, int offset, int line, int column) {
        assertEquals(line, index.line(offset), "line of offset " + offset);
        assertEquals(column, index.column(offset), "column of offset " + offset);
    }

    @Test
    void emptyText() {
        LineIndex index = new LineIndex("");
        assertPosition(index, 0, 1, 1);
    }

    @Test
    void singleLine() {
        LineIndex index = new LineIndex("hello");
        assertPosition(index, 0, 1, 1);
        assertPosition(index, 4, 1, 5);
        assertPosition(index, 5, 1, 6);
    }

    @Test
    void lfLineEnds() {
        LineIndex index = new LineIndex("ab\ncd\n\nef");
        assertPosition(index, 0, 1, 1);
        assertPosition(index, 2, 1, 3); // the \n belongs to line 1
        assertPosition(index, 3, 2, 1);
        assertPosition(index, 4, 2, 2);
        assertPosition(index, 6, 3, 1);
        assertPosition(index, 7, 4, 1);
        assertPosition(index, 8, 4, 2);
        assertPosition(index, 9, 4, 3);
    }

    @Test
    void crlfIsOneLineEnd() {
        LineIndex index = new LineIndex("ab\r\ncd\r\n\r\nef");
        assertPosition(index, 2, 1, 3);
        assertPosition(index, 3, 1, 4);
        assertPosition(index, 4, 2, 1);
        assertPosition(index, 5, 2, 2);
        assertPosition(index, 8, 3, 1);
        assertPosition(index, 10, 4, 1);
        assertPosition(index, 11, 4, 2);
    }

    @Test
    void loneCrEndsALine() {
        LineIndex index = new LineIndex("a\rb\rc");
        assertPosition(index, 0, 1, 1);
        assertPosition(index, 2, 2, 1);
        assertPosition(index, 4, 3, 1);
    }

    @Test
    void lfCrIsTwoLineEnds() {
        LineIndex index = new LineIndex("a\n\rb");
        assertPosition(index, 2, 2, 1);
        assertPosition(index, 3, 3, 1);
    }

    @Test
    void mixedLineEnds() {
        LineIndex index = new LineIndex("a\nb\r\nc\rd");
        assertPosition(index, 0, 1, 1);
        assertPosition(index, 2, 2, 1);
        assertPosition(index, 5, 3, 1);
        assertPosition(index, 7, 4, 1);
    }

    @Test
    void trailingLineEndStartsAnEmptyLine() {
        LineIndex index = new LineIndex("a\n");
        assertPosition(index, 2, 2, 1);
        LineIndex crlf = new LineIndex("a\r\n");
        assertPosition(crlf, 3, 2, 1);
        LineIndex cr = new LineIndex("a\r");
        assertPosition(cr, 2, 2, 1);
    }

    @Test
    void manyLinesBeyondTheInitialCapacity() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append("line").append(i).append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r");
        }
        LineIndex index = new LineIndex(text);
        int offset = 0;
        for (int i = 0; i < 10_000; i++) {
            assertPosition(index, offset, i + 1, 1);
            int length = ("line" + i).length();
            assertPosition(index, offset + length, i + 1, length + 1);
            offset += length + (i % 3 == 0 ? 2 : 1);
        }
        assertPosition(index, text.length(), 10_001, 1);
    }

    @Test
    void columnsCountUtf16Units() {
        LineIndex index = new LineIndex("\ud83d\ude00x\n\u00e9y");
        assertPosition(index, 2, 1, 3);
        assertPosition(index, 5, 2, 2);
    }
}
