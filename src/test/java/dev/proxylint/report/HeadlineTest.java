package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HeadlineTest {
    @Test
    void theFirstSentenceEndsAtAPeriodBeforeACapital() {
        String m = "WebSocket route location /ws does not forward the headers. Upgrade is hop-by-hop (RFC 7230).";
        assertEquals("WebSocket route location /ws does not forward the headers.", Headline.first(m));
        assertEquals("Upgrade is hop-by-hop (RFC 7230).", Headline.rest(m));
    }

    @Test
    void versionsPathsAbbreviationsAndQuotesDoNotEndIt() {
        String m = "proxy_http_version 1.0 of nginx 1.22.1 breaks socket.io, e.g. Chrome fails; httpd logs \"x set. Y\" here. Next.";
        assertEquals("proxy_http_version 1.0 of nginx 1.22.1 breaks socket.io, e.g. Chrome fails; httpd logs \"x set. Y\" here.",
                Headline.first(m));
        assertEquals("Next.", Headline.rest(m));
        assertEquals("One sentence only", Headline.first("One sentence only"));
        assertEquals("", Headline.rest("One sentence only."));
    }

    /** The sentence rule as a regex (as it was written before the scan replaced it, plus slash and acronym): the oracle. */
    private static final Pattern END = Pattern.compile("(?<=[\\p{Ll}0-9)\\]\"'`/]|\\p{L}\\p{Lu})\\.\\s+(?=[\\p{L}(`\"'$])");

    private static String oracleFirst(String message) {
        Matcher m = END.matcher(message);
        while (m.find()) {
            String before = message.substring(Math.max(0, m.start() - 5), m.start()).toLowerCase(java.util.Locale.ROOT);
            long quotes = message.substring(0, m.start()).chars().filter(c -> c == '"').count();
            if (before.endsWith("e.g") || before.endsWith("i.e") || before.endsWith(" vs") || before.endsWith("etc")
                    || quotes % 2 == 1) {
                continue;
            }
            return message.substring(0, m.start() + 1);
        }
        return message;
    }

    @Test
    void pathsAndAcronymsEndASentenceAnInitialDoesNot() {
        assertEquals("Upgrade is forwarded on location /.", Headline.first("Upgrade is forwarded on location /. A client can"));
        assertEquals("It lists the URI.", Headline.first("It lists the URI. Backups show up."));
        assertEquals("Written by J. Doe here.", Headline.first("Written by J. Doe here. Next."));
    }

    @Property(tries = 3000)
    void theScanEndsSentencesWhereTheRegexDid(@ForAll("messages") String m) {
        assertEquals(oracleFirst(m), Headline.first(m), m);
    }

    @Provide
    Arbitrary<String> messages() {
        // the characters that matter to the rule, often, and a few others (a capital, a non-Latin letter, é)
        return Arbitraries.of("a", "Z", "9", "/", "URI", "J", ".", " ", "\t", "\n", "\"", "'", "`", "$", "(", ")", "]", "e.g", "i.e",
                " vs", "etc", "-", "é", "Ж", "\r\n", ":").list().ofMaxSize(40).map(l -> String.join("", l));
    }
}
