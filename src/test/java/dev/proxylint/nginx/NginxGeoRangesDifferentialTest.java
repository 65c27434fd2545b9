package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * geo blocks with ranges, generated from a fixed seed (ranges that nest, split, share ends, cross
 * 65,536-address blocks, overlap in part, and deletes), each judged by the installed nginx -t and by
 * CFG123: the same verdict, the same line and the same "range ... overlaps ..." message, which names
 * the piece of an earlier range that nginx's splitting left.
 */
class NginxGeoRangesDifferentialTest {
    private static final Pattern OVERLAP = Pattern.compile("(range \"[^\"]*\" overlaps \"[^\"]*\")");

    @TempDir
    Path tmp;

    @Test
    void overlappingRangesAgreeWithNginx() throws Exception {
        NginxBinary.require();
        Random rnd = new Random(20261207);
        List<String> wrong = new ArrayList<>();
        int overlapping = 0;
        int cases = 60;
        for (int c = 0; c < cases; c++) {
            List<String> lines = new ArrayList<>();
            int n = 2 + rnd.nextInt(5);
            for (int j = 0; j < n; j++) {
                if (!lines.isEmpty() && rnd.nextInt(7) == 0) {
                    lines.add("delete " + lines.get(rnd.nextInt(lines.size())).split(" ")[0] + ";");
                    continue;
                }
                long base = new long[] {0x0a000000L, 0x0a00ff00L, 0x0a01fff0L}[rnd.nextInt(3)];
                long a = base + rnd.nextInt(41);
                long b = a + new long[] {0, 1, 3, 10, 20, 70_000, 0x1ffff}[rnd.nextInt(7)];
                lines.add(ip(a) + "-" + ip(b) + " v" + j + ";");
            }
            StringBuilder text = new StringBuilder("events {}\nhttp {\n    geo $g {\n        ranges;\n");
            for (String l : lines) {
                text.append("        ").append(l).append('\n');
            }
            text.append("    }\n}\n");
            Path dir = Files.createDirectories(tmp.resolve("c" + c));
            Path conf = Files.writeString(dir.resolve("nginx.conf"), text);
            NginxBinary.Verdict v = NginxBinary.test(conf, dir);
            String nginx = null;
            if (!v.ok()) {
                Matcher m = OVERLAP.matcher(v.output());
                assertTrue(m.find(), "nginx refused for another reason: " + v.output());
                nginx = m.group(1) + " @" + v.line();
                overlapping++;
            }
            String ours = null;
            for (Finding f : CaseFile.findings(conf, Dialect.NGINX)) {
                Matcher m = OVERLAP.matcher(f.message());
                if (f.ruleId().equals("CFG123") && f.level() == Level.ERROR && m.find()) {
                    ours = m.group(1) + " @" + f.span().startLine();
                }
            }
            if (!java.util.Objects.equals(nginx, ours)) {
                wrong.add(text + "   nginx: " + nginx + "\n   proxylint: " + ours);
            }
        }
        assertEquals(List.of(), wrong);
        // the generator must give both verdicts often
        assertTrue(overlapping >= cases / 4 && overlapping <= cases * 3 / 4, "overlapping: " + overlapping);
    }

    private static String ip(long v) {
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }
}
