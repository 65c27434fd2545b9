package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.proxylint.rules.Rule;
import dev.proxylint.rules.Rules;
import dev.proxylint.syntax.Dialect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartOrderTest {
    @Test
    void everyRuleStartsOnceAndTheFirstRulesComeFromDifferentFamilies() {
        List<Rule> rules = new ArrayList<>();
        for (Rule r : Rules.all()) {
            if (r.dialects().contains(Dialect.NGINX)) {
                rules.add(r);
            }
        }
        List<Integer> order = Linter.startOrder(rules);
        assertEquals(rules.size(), order.size());
        assertEquals(rules.size(), new HashSet<>(order).size());
        Set<String> families = new HashSet<>();
        for (Rule r : rules) {
            families.add(r.getClass().getPackageName());
        }
        // the first round takes one rule of each family
        Set<String> firstRound = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            firstRound.add(rules.get(order.get(i)).getClass().getPackageName());
        }
        assertEquals(families, firstRound);
        assertNotEquals(rules.get(order.get(0)).getClass().getPackageName(),
                rules.get(order.get(1)).getClass().getPackageName());
    }
}
