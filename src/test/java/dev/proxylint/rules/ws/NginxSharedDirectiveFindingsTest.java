package dev.proxylint.rules.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.rules.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directive at server or http level is shared by every location below it: its finding is
 * reported once, not once per WebSocket route (the testdata runner compares sets, so it cannot
 * see duplicates).
 */
class NginxSharedDirectiveFindingsTest {
    static List<String> findings(String ws) throws Exception {
        CaseFile c = CaseFile.read(Path.of("testdata/nginx/ws", ws));
        return c.lint().findings().stream().filter(f -> f.ruleId().startsWith("WS"))
                .map(f -> f.ruleId() + "@" + f.span().startLine()).toList();
    }

    @Test
    void serverLevelHttp10IsReportedOnce() throws Exception {
        assertEquals(List.of("WS102@16"), findings("ws-http10-server-level.conf"));
    }

    @Test
    void droppedServerHeadersAreReportedOnce() throws Exception {
        assertEquals(List.of("WS103@19"), findings("ws-inheritance-trap-server.conf"));
    }

    @Test
    void aServerLevelUnfilteredUpgradeIsReportedOnce(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("nginx/ws/shared.conf");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                events {}
                http {
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                    server {
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        location /ws { proxy_pass http://b; }
                        location /ws/chat { proxy_pass http://b; }
                        location /cable { proxy_pass http://b; }
                    }
                }
                """);
        List<Finding> all = CaseFile.read(f).lint().findings();
        assertEquals(List.of("WS106@6"), all.stream().filter(x -> x.ruleId().startsWith("WS"))
                .map(x -> x.ruleId() + "@" + x.span().startLine()).toList());
    }
}
