package dev.proxylint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleRegistryTest {
    private static RuleMeta meta(String id, String name) {
        return RuleDocs.parse(id + ".md", RuleDocsTest.VALID.replace("TST101", id).replace("test-rule", name));
    }

    @Test
    void looksUpByIdFamilyAndName() {
        RuleRegistry r = new RuleRegistry(List.of(meta("TLS102", "b"), meta("TLS101", "a"), meta("HSTS101", "c"),
                meta("WS101", "upgrade-headers-missing")));
        assertEquals(List.of("HSTS101", "TLS101", "TLS102", "WS101"), r.all().stream().map(RuleMeta::id).toList());
        assertEquals(List.of("TLS101", "TLS102"), r.family("tls").stream().map(RuleMeta::id).toList());
        assertEquals(List.of("HSTS101"), r.family("HSTS").stream().map(RuleMeta::id).toList());
        assertEquals(List.of("HSTS", "TLS", "WS"), r.families());
        assertTrue(r.find("ws101").isPresent());
        assertFalse(r.find("WS999").isPresent());
        assertEquals("WS101", r.select("upgrade-headers-missing").get(0).id());
        assertEquals(2, r.select("TLS").size());
        assertTrue(r.select("nothing").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("WS999"));
        assertTrue(e.getMessage().contains("WS999"));
    }

    @Test
    void rejectsDuplicateIds() {
        List<RuleMeta> l = new ArrayList<>(List.of(meta("WS101", "a"), meta("WS101", "b")));
        assertThrows(IllegalArgumentException.class, () -> new RuleRegistry(l));
    }

    @Test
    void builtinHasTheSyntaxAndResolutionFamilies() {
        RuleRegistry r = RuleRegistry.builtin();
        for (String id : List.of("CFG101", "CFG102", "CFG103", "CFG104", "CFG105", "CFG106", "SYN001", "SYN002")) {
            assertEquals(id, r.get(id).id());
        }
        assertTrue(r.family("CFG").stream().allMatch(m -> m.id().startsWith("CFG")));
        assertEquals(Level.ERROR, r.get("SYN001").level());
    }
}
