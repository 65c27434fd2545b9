package dev.proxylint.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.proxylint.apache.model.ApacheValueChecks;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** httpd's handlers as ApacheValueChecks follows them (the directive differential test runs them on apache2 -t). */
class ApacheValueChecksTest {
    private static String check(String line) {
        return check(line, new HashSet<>());
    }

    private static String check(String line, Set<String> workers) {
        List<Directive> ds = Tree.effective(ApacheTestSupport.parse(line + "\n").items());
        return ApacheValueChecks.check(ds.get(0), false, false, workers);
    }

    @Test
    void options() {
        assertNull(check("Options -Indexes +FollowSymLinks"));
        assertNull(check("Options All -Indexes"));
        assertEquals("Either all Options must start with + or -, or no Option may.", check("Options Indexes +ExecCGI"));
        assertEquals("Illegal option Symlinks", check("Options Symlinks"));
    }

    @Test
    void rewriteFlagsAndHeaders() {
        assertNull(check("RewriteRule ^/a /b [r=permanent,l,qsa]"));
        assertEquals("RewriteRule: unknown flag 'QS'", check("RewriteRule ^/a /b [QS]"));
        assertEquals("Header requires three arguments", check("Header always set X-A"));
        assertNull(check("Header always unset X-A"));
        assertEquals("Unrecognized header format %z", check("Header set X-A %z"));
        assertNull(check("Header set X-A \"50%\""));
    }

    @Test
    void proxyPassParametersOfASharedWorkerAreNotJudged() {
        Set<String> workers = new HashSet<>();
        assertNull(check("ProxyPass /a http://b:1/ retry=0", workers));
        assertNull(check("ProxyPass /c http://b:1/c bogus=1", workers));
        assertEquals("ProxyPass unknown Worker parameter", check("ProxyPass /d http://c:1/ bogus=1", workers));
        assertEquals("ProxyPass URL must be absolute!: b:1/", check("ProxyPass /e b:1/", workers));
    }
}
