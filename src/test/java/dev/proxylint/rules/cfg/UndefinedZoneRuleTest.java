package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CFG126 where the testdata cases (which nginx -t also judges) cannot go: fragments and stream. */
class UndefinedZoneRuleTest {
    @TempDir
    Path dir;

    private String lint(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return CliRun.of("check", "--dialect", "nginx", "--format", "concise", "--select", "CFG126", f.toString()).out();
    }

    @Test
    void aFragmentIsNotJudgedItsZonesMayComeFromTheConfigThatIncludesIt() throws Exception {
        String out = lint("site.conf", "server {\n    listen 80;\n    location / {\n        limit_req zone=api;\n    }\n}\n");
        assertFalse(out.contains("CFG126"), out);
    }

    @Test
    void streamZonesAreTheirOwn() throws Exception {
        String ok = lint("ok.conf", "events {}\nstream {\n    limit_conn_zone $binary_remote_addr zone=s:1m;\n"
                + "    server {\n        listen 9000;\n        limit_conn s 1;\n        proxy_pass 127.0.0.1:9001;\n    }\n}\n");
        assertFalse(ok.contains("CFG126"), ok);
        String bad = lint("bad.conf", "events {}\nhttp {\n    limit_conn_zone $binary_remote_addr zone=h:1m;\n}\n"
                + "stream {\n    server {\n        listen 9000;\n        limit_conn h 1;\n        proxy_pass 127.0.0.1:9001;\n"
                + "    }\n}\n");
        assertTrue(bad.contains(":8:20: error: limit_conn uses zone \"h\", which limit_conn_zone declares for another use."), bad);
    }

    @Test
    void theMessageSaysWhatNginxPrints() throws Exception {
        String out = lint("n.conf", "events {}\nhttp {\n    server {\n        proxy_cache pages;\n    }\n}\n");
        assertEquals(1, out.lines().filter(l -> l.contains("[CFG126]")).count(), out);
        assertTrue(out.contains("proxy_cache uses zone \"pages\", which no directive defines."), out);
        String full = CliRun.of("check", "--format", "json", "--select", "CFG126", dir.resolve("n.conf").toString()).out();
        assertTrue(full.contains("\\\"proxy_cache\\\" zone \\\"pages\\\" is unknown"), full);
    }
}
