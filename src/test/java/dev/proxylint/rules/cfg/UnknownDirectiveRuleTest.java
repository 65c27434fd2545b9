package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.Selection;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path tmp;

    /** CFG120's findings (level and line) for a config text. */
    List<String> cfg120(String text) throws Exception {
        Path f = Files.createTempDirectory(tmp, "c").resolve("nginx.conf");
        Files.writeString(f, text);
        RuleSettings s = new RuleSettings(null, null, "mozilla-intermediate", "auto",
                RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of());
        ResolveOptions ro = new ResolveOptions(null, null, Map.of(), Set.of(), false, null, null);
        LintOptions o = new LintOptions(Dialect.NGINX, ro, s, Selection.all(), Level.NOTE, List.of(), 1);
        return CaseFile.linter().run(List.of(new Input(f, null, true)), o, null).findings().stream()
                .filter(x -> x.ruleId().equals("CFG120"))
                .map(x -> x.level().name().toLowerCase() + " " + x.span().startLine()).toList();
    }

    static final String BODY = "events {}\nhttp {\n    server {\n        listen 80;\n        pagespeed on;\n"
            + "        proxy_set_headers Host $host;\n    }\n}\n";

    @Test
    void anUnknownNameIsAnErrorWhenEveryLoadedModuleIsKnown() throws Exception {
        assertEquals(List.of("error 5", "error 6"), cfg120(BODY));
        assertEquals(List.of("error 6", "error 7"),
                cfg120("load_module modules/ngx_http_fancyindex_module.so;\n" + BODY));
        assertEquals(List.of("error 6", "error 7"), cfg120("load_module modules/ngx_stream_module.so;\n" + BODY));
    }

    @Test
    void aModuleProxylintDoesNotKnowMakesItAWarningButATypoStaysAnError() throws Exception {
        List<String> got = cfg120("load_module /usr/lib/nginx/modules/ngx_pagespeed.so;\n" + BODY);
        assertEquals(List.of("warning 6", "error 7"), got);
    }
}
