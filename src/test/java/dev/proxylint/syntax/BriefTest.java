package dev.proxylint.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BriefTest {
    @Test
    void cutKeepsShortValuesAndEndsLongOnesWithAnEllipsis() {
        assertEquals("api.example", Brief.cut("api.example", 11));
        assertEquals("api.exa\u2026", Brief.cut("api.example", 8));
        // a character outside the BMP is not split: its high surrogate is left out whole
        String s = "ab\uD83D\uDE00cd";
        assertEquals("ab\u2026", Brief.cut(s, 4));
    }

    @Test
    void tailKeepsTheFileNameAndStartsAtASlash() {
        String p = "/tmp/junit-15431104603768132403/part*.inc";
        String t = Brief.tail(p, 32);
        assertEquals("\u2026/part*.inc", t);
        assertTrue(t.length() <= 32);
        assertEquals("/etc/nginx/conf.d/*.conf", Brief.tail("/etc/nginx/conf.d/*.conf", 40));
        // no slash in the window: the last characters
        assertEquals("\u2026" + "x".repeat(9), Brief.tail("/" + "x".repeat(30), 10));
    }
}
