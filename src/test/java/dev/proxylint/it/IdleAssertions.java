package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/** Assertions on idle-tunnel outcomes collected by name (a {@link WsClient.Idle} or a failure text). */
final class IdleAssertions {
    /** How far a measured closure may be from the configured limit. */
    static final long TOLERANCE_MILLIS = 900;

    private IdleAssertions() {
    }

    static WsClient.Idle idle(Map<String, Object> results, String name) {
        Object r = results.get(name);
        assertTrue(r instanceof WsClient.Idle, name + ": " + r);
        return (WsClient.Idle) r;
    }

    static void assertClosedAround(Map<String, Object> results, String name, long expectedMillis) {
        WsClient.Idle i = idle(results, name);
        assertTrue(i.closed(), name + " stayed open: " + i);
        assertTrue(Math.abs(i.closedAfterMillis() - expectedMillis) <= TOLERANCE_MILLIS,
                name + " closed after " + i.closedAfterMillis() + " ms, expected ~" + expectedMillis);
    }

    static void assertSurvived(Map<String, Object> results, String name) {
        WsClient.Idle i = idle(results, name);
        assertFalse(i.closed(), name + " was closed: " + i);
        assertTrue(i.echoAfterIdle(), name + ": " + i);
    }
}
