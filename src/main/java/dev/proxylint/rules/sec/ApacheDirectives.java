package dev.proxylint.rules.sec;

import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every Apache directive of a config by lower-case name, from one walk shared by the SEC and CFG rules. */
public final class ApacheDirectives {
    private ApacheDirectives() {
    }

    public static List<Directive> named(RuleContext ctx, String name) {
        Map<String, List<Directive>> m = ctx.facts().shared("sec.apache.directivesByName", () -> {
            Map<String, List<Directive>> b = new HashMap<>();
            Tree.walk(ctx.config().items(), d -> b.computeIfAbsent(d.name().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(d));
            return b;
        });
        return m.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
