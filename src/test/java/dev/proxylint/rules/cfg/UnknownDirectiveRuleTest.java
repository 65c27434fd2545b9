package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The "did you mean" of CFG120: the closest known directive of the target release, or none. */
class UnknownDirectiveRuleTest {
    @Test
    void suggestsTheClosestKnownDirective() {
        assertEquals("proxy_set_header", NginxUnknownDirectiveRule.nearest("proxy_set_headers", null));
        assertEquals("worker_processes", NginxUnknownDirectiveRule.nearest("worker_process", "1.22.1"));
        assertEquals("proxy_pass", NginxUnknownDirectiveRule.nearest("proxy_passs", null));
        assertNull(NginxUnknownDirectiveRule.nearest("ServerName", null));
        assertNull(NginxUnknownDirectiveRule.nearest("pagespeed_filters", null));
    }

    @Test
    void suggestsOnlyWhatTheReleaseHas() {
        // keepalive_time exists from 1.19.10 on
        assertEquals("keepalive_time", NginxUnknownDirectiveRule.nearest("keepalive_tim", "1.22.1"));
        assertNull(NginxUnknownDirectiveRule.nearest("keepalive_tim", "1.19.9"));
    }

    @Test
    void distanceStopsPastTheLimit() {
        assertEquals(0, NginxUnknownDirectiveRule.distance("root", "root", 2));
        assertEquals(1, NginxUnknownDirectiveRule.distance("root", "roots", 2));
        assertEquals(2, NginxUnknownDirectiveRule.distance("gzip", "gzap1", 2));
        assertEquals(3, NginxUnknownDirectiveRule.distance("listen", "zzzzzz", 2));
    }
}
