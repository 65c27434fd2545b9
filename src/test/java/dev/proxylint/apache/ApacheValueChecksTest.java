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

    @Test
    void workerParametersFollowModProxy() {
        assertNull(check("ProxyPass /a http://127.0.0.1:1/ loadfactor=1 timeout=1 acquire=1 ping=1ms status=-d"));
        assertEquals("ProxyPass Timeout must be at least one second", check("ProxyPass /a http://127.0.0.1:1/ timeout=0"));
        assertEquals("ProxyPass Acquire must be at least one millisecond",
                check("ProxyPass /a http://127.0.0.1:1/ acquire=0"));
        assertEquals("ProxyPass Unknown status parameter option", check("ProxyPass /a http://127.0.0.1:1/ status=+"));
        // a balancer's ProxyPass takes balancer parameters, whose timeout is not a worker's
        assertNull(check("ProxyPass /a balancer://b/ timeout=0"));
        // a second ProxyPass to the same origin shares the worker: httpd ignores its parameters
        Set<String> workers = new HashSet<>();
        assertNull(check("ProxyPass /a http://127.0.0.1:1/", workers));
        assertNull(check("ProxyPass /b http://127.0.0.1:1/x timeout=0", workers));
        assertEquals("BalancerMember LoadFactor must be a number between 1..100",
                check("BalancerMember balancer://b http://127.0.0.1:1 loadfactor=0.5"));
        assertNull(check("BalancerMember balancer://b http://127.0.0.1:1 loadfactor=100 hcmethod=GET"));
    }

    @Test
    void timeoutsAndCAtoi() {
        assertEquals(5_000_000L, ApacheValueChecks.timeoutMicros("5", "s"));
        assertEquals(5_000L, ApacheValueChecks.timeoutMicros("5", "ms"));
        assertEquals(120_000_000L, ApacheValueChecks.timeoutMicros("2mi", "s"));
        assertEquals(-1L, ApacheValueChecks.timeoutMicros("2m", "s"));
        assertEquals(-1L, ApacheValueChecks.timeoutMicros("-1", "s"));
        assertEquals(12L, ApacheValueChecks.atoi(" 12abc"));
        assertEquals(0L, ApacheValueChecks.atoi("abc"));
        assertEquals(-3L, ApacheValueChecks.atoi("-3"));
    }

    @Test
    void requestReadTimeoutStages() {
        assertNull(check("RequestReadTimeout handshake=0 header=20-40,minrate=500"));
        // httpd looks for the range dash before it reads the number
        assertEquals("RequestReadTimeout: body=-1: Must set MinRate option if using timeout range",
                check("RequestReadTimeout body=-1"));
        assertEquals("RequestReadTimeout: body=5,minrate=-2: Value must be non-negative",
                check("RequestReadTimeout body=5,minrate=-2"));
        assertEquals("Invalid RequestReadTimeout parameter. Parameter must be in the form 'key=value'",
                check("RequestReadTimeout 20"));
    }

    @Test
    void logFormatsAndSetEnvIf() {
        String ran = "Ran off end of LogFormat parsing args to some directive";
        assertNull(check("LogFormat \"%h %{%d/%b/%Y %z}t %!200,304{Referer}i %<s %^FB 100%%\" x"));
        assertEquals(ran, check("LogFormat \"%{User-Agent\" x"));
        assertEquals(ran, check("LogFormat \"%h %>\""));
        assertEquals(ran, check("LogFormat \"%400\" x"));
        assertEquals(ran, check("CustomLog /var/log/x.log \"%{a}i%\""));
        assertNull(check("CustomLog /var/log/x.log combined env=!robot"));
        assertEquals("error in condition clause", check("CustomLog /var/log/x.log combined robot"));
        assertEquals("missing environment variable name", check("CustomLog /var/log/x.log combined env=!"));
        assertNull(check("SetEnvIf Origin x ok"));
        assertEquals("Missing envariable expression for SetEnvIf", check("setenvif Origin x"));
        assertEquals("Missing regular expression for BrowserMatchNoCase", check("BrowserMatchNoCase"));
        assertEquals("Missing header-field name for SetEnvIf", check("SetEnvIf \"\" x y"));
    }

    @Test
    void loadModuleOfABuiltInModuleIsRefusedInDebiansModuleDirectoryOnly() {
        assertEquals("module log_config_module is built-in and can't be loaded",
                check("LoadModule log_config_module /usr/lib/apache2/modules/mod_log_config.so"));
        assertEquals("module unixd_module is built-in and can't be loaded",
                check("LoadModule unixd_module /usr/lib/apache2/modules/mod_unixd.so"));
        // a shared module there, and the official httpd image's shared mod_log_config
        assertNull(check("LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so"));
        assertNull(check("LoadModule log_config_module modules/mod_log_config.so"));
        assertNull(check("LoadModule log_config_module /usr/local/apache2/modules/mod_log_config.so"));
    }
}
