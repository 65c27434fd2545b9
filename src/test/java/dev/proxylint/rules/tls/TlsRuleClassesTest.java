package dev.proxylint.rules.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.Rules;
import dev.proxylint.syntax.Dialect;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The TLS and HSTS families are one small class per rule id, named after it, and stateless (rules run
 * in parallel, each with its own context); where a level differs from the doc's, the rule's level()
 * says so (checked here through findings).
 */
class TlsRuleClassesTest {

    @Test
    void oneStatelessClassPerIdNamedAfterIt() {
        Set<String> ids = new TreeSet<>();
        for (Rule r : Rules.all()) {
            String pkg = r.getClass().getPackageName();
            if (!pkg.endsWith(".rules.tls") && !pkg.endsWith(".rules.hsts")) {
                continue;
            }
            assertEquals(1, r.ids().size(), r.getClass() + " reports " + r.ids());
            String id = r.ids().iterator().next();
            String prefix = id.charAt(0) + id.substring(1).replaceAll("[0-9]", "").toLowerCase(Locale.ROOT)
                    + id.replaceAll("[^0-9]", "");
            assertTrue(r.getClass().getSimpleName().startsWith(prefix), r.getClass().getSimpleName() + " for " + id);
            assertTrue(Modifier.isFinal(r.getClass().getModifiers()), r.getClass() + " is not final");
            for (Field f : r.getClass().getDeclaredFields()) {
                assertTrue(Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()),
                        r.getClass().getSimpleName() + " has state: " + f.getName());
            }
            assertTrue(ids.add(id), id + " twice");
        }
        List<String> want = new ArrayList<>();
        for (int i = 101; i <= 116; i++) {
            want.add("TLS" + i);
        }
        for (int i = 101; i <= 106; i++) {
            want.add("HSTS" + i);
        }
        assertEquals(new TreeSet<>(want), ids);
    }

    /** The TLS and HSTS findings of a config, at the levels of the rules' docs. */
    private static List<Finding> run(Dialect d, String text, String nginxVersion) {
        RuleRegistry reg = RuleRegistry.builtin();
        RuleContext ctx = new RuleContext(TlsPolicyTest.resolve(d, text), d,
                TlsPolicyTest.settings(nginxVersion, "mozilla-intermediate"),
                id -> reg.find(id).map(RuleMeta::level).orElseThrow());
        for (Rule r : Rules.all()) {
            String id = r.ids().iterator().next();
            if ((id.startsWith("TLS") || id.startsWith("HSTS")) && r.dialects().contains(d)) {
                r.check(ctx);
            }
        }
        return ctx.findings();
    }

    @Test
    void levelsThatDifferFromTheDoc() {
        // TLS116: an error on nginx (every handshake fails), the doc's level on Apache
        String gap = "ssl_protocols TLSv1 TLSv1.2 TLSv1.3; ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;";
        Finding n = TlsPolicyTest.one(run(Dialect.NGINX, "http { server { listen 443 ssl; " + gap + " } }", "1.22.1"),
                "TLS116");
        assertEquals(Level.ERROR, n.level());
        Finding a = TlsPolicyTest.one(run(Dialect.APACHE, "<VirtualHost *:443>\nSSLEngine on\n"
                + "SSLProtocol -all +TLSv1 +TLSv1.2 +TLSv1.3\n</VirtualHost>\n", null), "TLS116");
        assertEquals(Level.WARNING, a.level(), "TLS116's doc level on Apache");
        // TLS114: an error when TLS 1.3 is on and its list has no suite, the doc's warning for a TLS 1.2 name
        Finding t = TlsPolicyTest.one(run(Dialect.NGINX, "http { server { listen 443 ssl; "
                + "ssl_protocols TLSv1.2 TLSv1.3; ssl_conf_command Ciphersuites \"\"; } }", "1.22.1"), "TLS114");
        assertEquals(Level.ERROR, t.level());
        Finding w = TlsPolicyTest.one(run(Dialect.NGINX, "http { server { listen 443 ssl; ssl_protocols TLSv1.2 TLSv1.3; "
                + "ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_RSA_WITH_AES_128_CBC_SHA; } }", "1.22.1"),
                "TLS114");
        assertEquals(Level.WARNING, w.level());
    }
}
