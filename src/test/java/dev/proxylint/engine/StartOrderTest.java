package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.Rules;
import dev.proxylint.syntax.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path dir;

    /** Where a finding is and what it says, without the file's name. */
    private static List<String> run(Path p) {
        RuleRegistry reg = RuleRegistry.builtin();
        Linter l = new Linter(Rules.all(), id -> reg.find(id).map(RuleMeta::level).orElse(Level.WARNING), id -> true);
        List<String> out = new ArrayList<>();
        for (Finding f : l.run(List.of(new Input(p, null, true)), LintOptions.defaults(), null).findings()) {
            out.add(f.ruleId() + " " + f.span().startLine() + ":" + f.span().startColumn() + " " + f.message());
        }
        return out;
    }

    @Test
    void aSmallRootInOneTaskFindsWhatARootWithATaskPerRuleFinds() throws IOException {
        String config = "events {}\nhttp {\n server {\n  listen 80;\n  location /ws {\n   proxy_pass http://127.0.0.1:9000;\n"
                + "   proxy_set_header Upgrade $http_upgrade;\n  }\n  location /a { alias /data/a/; add_header X-A $uri; }\n }\n"
                + " server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.2; ssl_certificate c.pem; ssl_certificate_key k.pem; }\n}\n";
        Path small = Files.writeString(dir.resolve("small.conf"), config);
        // the same config past the size under which a root's rules run as one task
        Path large = Files.writeString(dir.resolve("large.conf"),
                config + ("# " + "x".repeat(97) + "\n").repeat((int) (Linter.SMALL_ROOT / 100) + 10));
        List<String> a = run(small);
        List<String> b = run(large);
        assertTrue(a.size() >= 5, "the config has findings: " + a);
        assertEquals(a, b);
    }
}
