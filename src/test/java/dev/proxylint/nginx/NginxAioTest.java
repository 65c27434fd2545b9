package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aio on} depends on how nginx was built (--with-file-aio): CFG123 warns, and the installed
 * nginx shows what the warning says, refusing it exactly when its build lacks file AIO (Debian's).
 */
class NginxAioTest {
    @TempDir
    Path tmp;

    @Test
    void aioOnIsAWarningThatTheInstalledBuildConfirms() throws Exception {
        String text = "events {}\nhttp {\n    aio threads;\n    server {\n        listen 127.0.0.1:18089;\n"
                + "        location /files/ {\n            aio on;\n        }\n    }\n}\n";
        Path conf = Files.writeString(tmp.resolve("nginx.conf"), text);
        List<Finding> found = CaseFile.findings(conf, Dialect.NGINX).stream().filter(f -> f.ruleId().equals("CFG123")).toList();
        assertEquals(1, found.size(), found::toString);
        assertEquals(Level.WARNING, found.get(0).level());
        assertEquals(7, found.get(0).span().startLine());
        assertTrue(found.get(0).message().contains("--with-file-aio"), found.get(0).message());

        NginxBinary.require();
        Process p = new ProcessBuilder(NginxBinary.NGINX.toString(), "-V").redirectErrorStream(true).start();
        String build = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        NginxBinary.Verdict v = NginxBinary.test(conf, tmp);
        if (build.contains("--with-file-aio")) {
            assertTrue(v.ok(), v.output());
        } else {
            assertTrue(!v.ok() && v.output().contains("\"aio on\" is unsupported on this platform") && v.line() == 7,
                    v.output());
        }
    }
}
