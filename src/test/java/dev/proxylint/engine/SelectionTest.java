package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Level;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {
    @Test
    void idsBeatFamilies() {
        Selection s = new Selection(Set.of("WS"), Set.of("WS106"), Map.of());
        assertTrue(s.enabled("WS101"));
        assertFalse(s.enabled("WS106"));
        assertFalse(s.enabled("TLS101"));
        Selection t = new Selection(Set.of("WS106"), Set.of("WS"), Map.of());
        assertTrue(t.enabled("WS106"));
        assertFalse(t.enabled("WS101"));
    }

    @Test
    void prefixesSelectAndTheLongerOneWins() {
        Selection s = new Selection(Set.of("CFG12"), Set.of(), Map.of());
        assertTrue(s.enabled("CFG120"));
        assertTrue(s.enabled("CFG127"));
        assertFalse(s.enabled("CFG110"));
        assertFalse(s.enabled("TLS120"));
        Selection t = new Selection(Set.of("CFG"), Set.of("CFG12"), Map.of());
        assertTrue(t.enabled("CFG110"));
        assertFalse(t.enabled("CFG124"));
        Selection u = new Selection(Set.of("CFG124"), Set.of("CFG12"), Map.of());
        assertTrue(u.enabled("CFG124"));
        assertFalse(u.enabled("CFG125"));
        // a prefix shorter than the family names nothing: T is neither TLS nor TMO
        assertFalse(Selection.isPrefix("T", "TLS101"));
        assertTrue(Selection.isPrefix("TLS10", "TLS101"));
    }

    @Test
    void syntaxErrorsStayUnlessIgnoredByName() {
        assertTrue(new Selection(Set.of("WS"), Set.of(), Map.of()).enabled("SYN001"));
        assertFalse(new Selection(Set.of(), Set.of("SYN"), Map.of()).enabled("SYN001"));
    }

    @Test
    void levelOverrides() {
        Selection s = new Selection(Set.of(), Set.of(), Map.of("WS100", Level.ERROR, "TLS", Level.NOTE));
        assertEquals(Level.ERROR, s.level("WS100", Level.NOTE));
        assertEquals(Level.NOTE, s.level("TLS102", Level.ERROR));
        assertEquals(Level.WARNING, s.level("WS109", Level.WARNING));
    }
}
