package dev.zdd.hasher.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentEncodingTest {
    @Test
    void decodesUtf8SequencesAndLeavesMalformedOnesAsWritten() {
        assertEquals("plain", PercentEncoding.decode("plain"));
        assertEquals("a b", PercentEncoding.decode("a%20b"));
        assertEquals("a/b", PercentEncoding.decode("a%2fb"));
        assertEquals("%zz x", PercentEncoding.decode("%zz%20x"));
        assertEquals("x%", PercentEncoding.decode("x%"));
        assertEquals("x%4", PercentEncoding.decode("x%4"));
        assertEquals("xA", PercentEncoding.decode("x%41"));
        assertEquals("\u00e9t\u00e9", PercentEncoding.decode("%C3%A9t%C3%A9"));
        assertEquals("\ud83d\ude00", PercentEncoding.decode("%F0%9F%98%80"));
    }
}
