package dev.proxylint.rules.sec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a capture can hold, compared with what Java's regex engine really captures. */
class RegexCapturesTest {
    @Test
    void groupsAreNumberedLikePcre() {
        RegexCaptures rc = new RegexCaptures("^/(?:x|y)/(?<name>[^/]+)/(\\d+)(/.*)?$", false);
        assertEquals(3, rc.count());
        assertEquals(1, rc.number("name"));
        assertEquals("[^/]+", rc.group(1));
        assertEquals("\\d+", rc.group(2));
        assertEquals("/.*", rc.group(3));
        assertEquals(null, rc.group(4));
        RegexCaptures py = new RegexCaptures("(?P<p>a)\\((b)[(]", false);
        assertEquals(2, py.count());
        assertEquals("b", py.group(2));
    }

    @Test
    void lineFeeds() {
        assertFalse(new RegexCaptures("/(.*)", false).canHold(1, '\n'));
        assertTrue(new RegexCaptures("(?s)/(.*)", false).canHold(1, '\n'));
        assertTrue(new RegexCaptures("/([^/]+)", false).canHold(1, '\n'));
        assertFalse(new RegexCaptures("/([^/\\n]+)", false).canHold(1, '\n'));
        assertFalse(new RegexCaptures("/([a-z0-9]+)", true).canHold(1, '\n'));
        assertTrue(new RegexCaptures("/(\\s+)", false).canHold(1, '\n'));
        assertFalse(new RegexCaptures("/(\\S+)", false).canHold(1, '\n'));
        assertTrue(new RegexCaptures("/(\\D+)", false).canHold(1, '\n'));
        assertFalse(new RegexCaptures("/([[:alnum:]]+)", false).canHold(1, '\n'));
    }

    @Test
    void hostCharacters() {
        assertFalse(new RegexCaptures("^/svc/([a-z0-9-]+)/", false).canHoldAny(1, ".:/@["));
        assertTrue(new RegexCaptures("^/svc/([a-z0-9.-]+)/", false).canHoldAny(1, ".:/@["));
        assertTrue(new RegexCaptures("^/p/(.*)", false).canHoldAny(1, ".:/@["));
        // a case-insensitive class of letters still holds no dot
        assertFalse(new RegexCaptures("^/(?i)([A-Z]+)$", false).canHold(1, '.'));
        assertTrue(new RegexCaptures("^/(?i)([A-Z]+)$", false).canHold(1, 'q'));
    }

    /** Where Java can run the pattern, every character a capture really holds is one canHold admits. */
    @Test
    void agreesWithWhatJavaCaptures() {
        String[] patterns = {"^/a/([^/]+)/(.*)$", "(?s)^/b/(.+)", "^/c/([a-z]+)(\\d*)", "^/d/(\\S+)\\s(\\w+)"};
        String[] inputs = {"/a/x\ny/z\r\n", "/b/\n\n", "/c/abc123", "/d/x.y z_1", "/a/\t/ok"};
        for (String p : patterns) {
            RegexCaptures rc = new RegexCaptures(p, false);
            java.util.regex.Pattern jp = java.util.regex.Pattern.compile(p);
            for (String in : inputs) {
                java.util.regex.Matcher m = jp.matcher(in);
                if (!m.find()) {
                    continue;
                }
                for (int g = 1; g <= m.groupCount(); g++) {
                    String got = m.group(g);
                    for (int i = 0; got != null && i < got.length(); i++) {
                        assertTrue(rc.canHold(g, got.charAt(i)), p + " group " + g + " held " + (int) got.charAt(i));
                    }
                }
            }
        }
    }
}
