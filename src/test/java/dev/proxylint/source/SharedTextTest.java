package dev.proxylint.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import org.junit.jupiter.api.Test;

class SharedTextTest {
    @Test
    void equalTextsShareOneString() {
        String a = new String("the Upgrade header is not forwarded to 10.0.0.1:8080");
        String b = new String(a);
        assertSame(a, SharedText.of(a));
        assertSame(a, SharedText.of(b));
    }

    @Test
    void differentTextsStayApart() {
        // whatever collides in a slot, each call answers a string equal to its argument
        for (int i = 0; i < 100_000; i++) {
            String s = "message " + i;
            assertEquals(s, SharedText.of(s));
        }
        assertNull(SharedText.of(null));
    }

    @Test
    void longTextsAreNotKept() {
        String a = "x".repeat(5000);
        String b = new String(a);
        SharedText.of(a);
        assertSame(b, SharedText.of(b));
    }

    @Test
    void findingsOfEqualMessagesShareTheText() {
        SourceFile f = SourceFile.of("t.conf", "gzip on;\n");
        Finding one = new Finding("X1", Level.WARNING, new String("same words"), new Span(f, 0, 4));
        Finding two = new Finding("X1", Level.WARNING, new String("same words"), new Span(f, 5, 7));
        assertSame(one.message(), two.message());
    }
}
