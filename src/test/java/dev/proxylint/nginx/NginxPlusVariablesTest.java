package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CFG110 on nginx Plus variables: a warning each, the next variable still judged, and open-source nginx refuses them. */
class NginxPlusVariablesTest {
    @TempDir
    Path tmp;

    @Test
    void plusVariablesWarnAndOpenSourceNginxRefusesThem() throws Exception {
        String text = "events {}\nhttp {\n    server {\n        listen 127.0.0.1:18090;\n"
                + "        location / {\n            return 200 \"$jwt_claim_sub $upstream_queue_time $nosuch\";\n"
                + "        }\n    }\n}\n";
        Path conf = Files.writeString(tmp.resolve("nginx.conf"), text);
        List<String> found = CaseFile.findings(conf, Dialect.NGINX).stream().filter(f -> f.ruleId().equals("CFG110"))
                .map(f -> f.level() + " " + f.message().substring(0, f.message().indexOf(' ', 10))).sorted().toList();
        assertEquals(List.of("ERROR Variable $nosuch", "WARNING Variable $jwt_claim_sub",
                "WARNING Variable $upstream_queue_time"), found);
        NginxBinary.require();
        NginxBinary.Verdict v = NginxBinary.test(conf, tmp);
        assertTrue(!v.ok() && v.output().contains("unknown \"jwt_claim_sub\" variable"), v.output());
    }
}
