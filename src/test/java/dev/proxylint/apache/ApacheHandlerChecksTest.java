package dev.proxylint.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.proxylint.apache.model.ApacheValueChecks;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The handlers that ApacheHandlerChecks follows, one directive at a time (the differential test
 * runs the same lines through apache2 -t): APR's address and mask parsing for Allow/Deny, the
 * wildcard test of ServerName, and the word lists.
 */
class ApacheHandlerChecksTest {
    private static String check(String line, boolean inPath) {
        List<Directive> ds = Tree.effective(ApacheTestSupport.parse(line + "\n").items());
        return ApacheValueChecks.check(ds.get(0), false, inPath, new HashSet<>());
    }

    private static String allow(String hosts) {
        return check("Allow from " + hosts, true);
    }

    @Test
    void allowAddressesAsAprParsesThem() {
        for (String ok : List.of("all", "env=X", "env=!X", "10.1", "10.1.", "10.0.0.0/8", "10.0.0.0/255.255.0.0",
                "::1", "2001:db8::/32", "fe80::1:2:3:4:5", "::fffe:0:1", "1:2:3:4:5:6:1.2.3.4", "example.org",
                "192.168.1.*")) {
            assertNull(allow(ok), ok);
        }
        String badIp = "The specified IP address is invalid.";
        String badMask = "The specified network mask is invalid.";
        assertEquals(badIp, allow("256.1.1.1"));
        assertEquals(badIp, allow("1.2.3.4.5"));
        assertEquals(badIp, allow("10..1"));
        assertEquals(badIp, allow("10.1/8"), "a partial network takes no mask");
        assertEquals(badIp, allow("::ffff:10.0.0.1"), "IPv4-mapped");
        assertEquals(badIp, allow("1::2::3"));
        assertEquals(badIp, allow("12345::1"));
        assertEquals(badIp, allow("1:2:3:4:5:6:7:8:9"));
        assertEquals(badMask, allow("10.0.0.0/0"));
        assertEquals(badMask, allow("10.0.0.0/33"));
        assertEquals(badMask, allow("::/129"));
        assertEquals(badMask, allow("::/255.0.0.0"), "a dotted mask is for IPv4 only");
        assertEquals("An IP address was expected", allow("intranet/24"));
        assertEquals("No comments are allowed here", allow("host#1"));
        assertEquals("allow and deny must be followed by 'from'", check("Deny 10.0.0.1 10.0.0.2", true));
    }

    @Test
    void serverNameWildcardsAndPorts() {
        assertNull(check("ServerName https://www.example.org:443", false));
        assertNull(check("ServerName [bracket", false), "a [ without ] is no pattern");
        assertEquals("Invalid ServerName \"a?b\" use ServerAlias to set multiple server names.",
                check("ServerName a?b", false));
        assertEquals("The port number \"h:65536\" is outside the appropriate range (i.e., 1..65535).",
                check("ServerName h:65536", false));
    }

    @Test
    void wordsOfTheHandlers() {
        assertNull(check("RewriteOptions inheritdownbefore IgnoreContextInfo", false));
        assertEquals("RewriteBase: only valid in per-directory config files", check("RewriteBase /", false));
        assertNull(check("RewriteBase /", true));
        assertEquals("HttpProtocolOptions 'RegisteredMethods' and 'LenientMethods' are mutually exclusive",
                check("HttpProtocolOptions RegisteredMethods LenientMethods", false));
        assertNull(check("Mutex posixsem:name default", false));
        assertEquals("ProxyErrorOverride: status codes must follow a value of 'on'",
                check("ProxyErrorOverride Off 500", true));
        assertNull(check("IndexOptions -NameWidth -DescriptionWidth NameWidth=*", true));
        assertEquals("DescriptionWidth value must be greater than 12", check("IndexOptions DescriptionWidth=8", true));
        assertNull(check("SSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256", false));
        assertEquals("protocol 'TLSv1.2' not supported", check("SSLCipherSuite TLSv1.2 HIGH", false));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    private List<String> rules(String conf) throws java.io.IOException {
        dev.proxylint.syntax.Resolved r = ApacheTestSupport.resolve(ApacheTestSupport.write(tmp, "t.conf", conf));
        return dev.proxylint.apache.model.DirectiveChecks.build(r, null).valueErrors().stream()
                .map(v -> v.directive().line() + " " + v.message()).toList();
    }

    @Test
    void providersComeFromTheLoadedModulesOrTheConfig() throws java.io.IOException {
        String full = "LoadModule mpm_event_module m.so\nLoadModule authz_core_module a.so\n"
                + "<Directory /x>\nRequire ip 10.0.0.1\nRequire all granted\n</Directory>\n";
        assertEquals(List.of("4 Unknown Authz provider: ip"), rules(full));
        assertEquals(List.of(), rules(full + "LoadModule authz_host_module h.so\n"), "a LoadModule after the use counts");
        assertEquals(List.of(), rules(full + "LoadModule shib_module s.so\n"), "an unknown module may register it");
        String snippet = "<Directory /x>\nRequire shib-session\nRequire admins\n</Directory>\n";
        assertEquals(List.of("3 Unknown Authz provider: admins"), rules(snippet));
        assertEquals(List.of(), rules("<AuthzProviderAlias ldap-group admins cn=a>\n</AuthzProviderAlias>\n" + snippet));
    }
}
