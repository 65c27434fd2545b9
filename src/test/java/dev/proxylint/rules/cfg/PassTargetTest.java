package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How proxy_pass targets are read: the URI part nginx refuses in regex locations, bare upstream names. */
class PassTargetTest {
    @Test
    void theUriPartStartsAtTheFirstSlashOrQuestionMarkAfterTheHost() {
        assertEquals("/", NginxNestingChecks.uriPart("http://127.0.0.1:9000/"));
        assertEquals("/api/v1", NginxNestingChecks.uriPart("https://backend/api/v1"));
        assertEquals("?a=1", NginxNestingChecks.uriPart("http://backend?a=1"));
        assertEquals("/x", NginxNestingChecks.uriPart("http://unix:/run/app.sock:/x"));
        assertNull(NginxNestingChecks.uriPart("http://unix:/run/app.sock"));
        assertNull(NginxNestingChecks.uriPart("http://backend"));
        assertNull(NginxNestingChecks.uriPart("http://backend:8080"));
        assertNull(NginxNestingChecks.uriPart("http://$host/$uri"), "variables: nginx does not refuse");
        assertNull(NginxNestingChecks.uriPart("backend/x"), "no scheme: CFG123's invalid URL prefix");
    }

    @Test
    void onlyBareNamesAreTakenForUpstreamNames() {
        assertEquals("backend", NginxUndefinedUpstreamRule.bareHost("http://backend"));
        assertEquals("backend", NginxUndefinedUpstreamRule.bareHost("http://backend/path?x"));
        assertEquals("php_fpm", NginxUndefinedUpstreamRule.bareHost("php_fpm"));
        assertEquals("grpc-svc", NginxUndefinedUpstreamRule.bareHost("grpc://grpc-svc"));
        assertNull(NginxUndefinedUpstreamRule.bareHost("http://backend:8080"), "a port: a host name");
        assertNull(NginxUndefinedUpstreamRule.bareHost("http://app.internal"), "a dot: a host name");
        assertNull(NginxUndefinedUpstreamRule.bareHost("http://localhost"));
        assertNull(NginxUndefinedUpstreamRule.bareHost("http://[::1]"));
        assertNull(NginxUndefinedUpstreamRule.bareHost("unix:/run/php.sock"));
        assertNull(NginxUndefinedUpstreamRule.bareHost("http://$backend"));
        assertNull(NginxUndefinedUpstreamRule.bareHost("http://10"));
    }
}
