package dev.proxylint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxylint.syntax.Dialect;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BaseRuleTest {
    static final class Two extends BaseRule {
        Two() {
            super(Set.of(Dialect.NGINX, Dialect.APACHE), "X101", "X102");
        }

        @Override
        public void check(RuleContext ctx) {
        }
    }

    @Test
    void namesItsIdsAndDialectsOnce() {
        Rule r = new Two();
        assertEquals(Set.of("X101", "X102"), r.ids());
        assertEquals(Set.of(Dialect.NGINX, Dialect.APACHE), r.dialects());
        assertThrows(IllegalArgumentException.class, () -> new BaseRule(Dialect.NGINX) {
            @Override
            public void check(RuleContext ctx) {
            }
        });
    }
}
