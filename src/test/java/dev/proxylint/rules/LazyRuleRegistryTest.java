package dev.proxylint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The built-in registry reads one doc per looked-up id and the whole folder only when asked for all. */
class LazyRuleRegistryTest {
    @Test
    void singleLookupsReadOneDocEachAndNeverTheWholeFolder() {
        List<RuleMeta> docs = RuleDocs.loadAll();
        AtomicInteger everything = new AtomicInteger();
        AtomicInteger single = new AtomicInteger();
        ClassLoader cl = RuleDocs.class.getClassLoader();
        RuleRegistry r = RuleRegistry.lazy(() -> {
            everything.incrementAndGet();
            return docs;
        }, id -> {
            single.incrementAndGet();
            return RuleDocs.find(cl, id);
        });
        assertEquals("upgrade-headers-missing", r.get("ws101").name());
        assertTrue(r.find("WS101").isPresent());
        assertTrue(r.contains("TLS104"));
        assertFalse(r.contains("WS999"));
        assertFalse(r.contains("not an id"));
        assertEquals(0, everything.get(), "no question about one id reads the whole folder");
        assertEquals(4, single.get(), "each id is read once (WS101, TLS104, WS999, NOT AN ID)");

        assertEquals(docs.size(), r.size());
        assertEquals(List.of("WS"), r.families().stream().filter(f -> f.equals("WS")).toList());
        assertEquals(docs, r.all());
        assertEquals(1, everything.get(), "the whole folder is read once");
        assertEquals(4, single.get());
    }

    @Test
    void aDocFoundByIdEqualsTheOneReadWithTheFolder() {
        ClassLoader cl = RuleDocs.class.getClassLoader();
        for (RuleMeta m : RuleDocs.loadAll()) {
            assertEquals(Optional.of(m), RuleDocs.find(cl, m.id()), m.id());
        }
        assertEquals(Optional.empty(), RuleDocs.find(cl, "ZZ999"));
        assertEquals(Optional.empty(), RuleDocs.find(cl, "../WS101"));
        assertEquals(RuleDocs.loadAll(), RuleRegistry.builtin().all());
    }
}
