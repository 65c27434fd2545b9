package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
