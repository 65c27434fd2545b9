package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An access_log naming an undefined log format is reported although an include before it was not
 * read, when that include stands where no log_format can (inside a server or location): nginx 1.22.1
 * refused certbot's roundtrip config site-11018 there ("unknown log format \"combined_plus\"").
 * An unread include at http level may define the format, so the check holds back after it.
 */
class UnreadIncludeLogFormatTest {
    @TempDir
    Path dir;

    String check(String http) throws Exception {
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, "events {}\nhttp {\n" + http + "}\n");
        return CliTest.run("check", "--format", "concise", "--select", "CFG123,CFG107", p.toString()).out();
    }

    @Test
    void anUnreadIncludeInALocationCannotHoldTheLogFormat() throws Exception {
        String out = check("    server {\n        listen 80;\n        location / {\n"
                + "            include /opt/elsewhere/proxy_params;\n            proxy_pass http://127.0.0.1:8080;\n"
                + "        }\n        access_log /var/log/nginx/a.log combined_plus;\n    }\n");
        assertTrue(out.contains("[CFG107]"), out); // the include was not read
        assertTrue(out.contains("nginx.conf:9:41: error: unknown log format \"combined_plus\""), out);
    }

    @Test
    void anUnreadIncludeAtHttpLevelMayHoldIt() throws Exception {
        String out = check("    include /opt/elsewhere/log_formats.conf;\n    server {\n        listen 80;\n"
                + "        access_log /var/log/nginx/a.log combined_plus;\n    }\n");
        assertTrue(out.contains("[CFG107]"), out);
        assertFalse(out.contains("unknown log format"), out);
    }
}
