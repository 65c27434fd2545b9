package dev.proxylint.report;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleDocs;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Hand-built findings over in-memory files, shared by the reporter tests. */
final class Fixtures {
    static final Path ROOT = Path.of("/src/repo");

    static final String NGINX_TEXT = ""
            + "http {\n"
            + "\tserver {\n"
            + "\t\tlisten 80;\n"
            + "\t\tadd_header X-Name \"日本語\" always;\n"
            + "\t\tproxy_pass http://backend\n"
            + "\t\tproxy_set_header Host $host;\n"
            + "\t}\n"
            + "}\n";

    static final String APACHE_TEXT = ""
            + "<VirtualHost *:80>\r\n"
            + "    ServerName example.com\r\n"
            + "    ProxyPass \"/\" \"http://${BACKEND}:8080/\"\r\n"
            + "    <Location /ws>\r\n"
            + "        ProxyPass ws://127.0.0.1:9000/\r\n"
            + "    </Location>\r\n"
            + "</VirtualHost>\r\n";

    static final SourceFile NGINX = file("conf/nginx.conf", NGINX_TEXT);
    static final SourceFile APACHE = file("conf/sites enabled/vhost #1.conf", APACHE_TEXT);

    private Fixtures() {
    }

    static SourceFile file(String rel, String text) {
        return SourceFile.fromBytes(ROOT.resolve(rel), rel, text.getBytes(StandardCharsets.UTF_8));
    }

    static Span find(SourceFile f, String needle) {
        int i = f.text().indexOf(needle);
        if (i < 0) {
            throw new IllegalArgumentException(needle);
        }
        return f.span(i, i + needle.length());
    }

    /** The shipped docs these fixtures were written against; later rules must not change the goldens. */
    static final java.util.Set<String> FIXTURE_IDS = java.util.Set.of("SYN001", "SYN002", "CFG101", "CFG102", "CFG103",
            "CFG104", "CFG105", "CFG106");

    static RuleRegistry registry() {
        List<RuleMeta> all = new ArrayList<>(RuleRegistry.builtin().all().stream()
                .filter(m -> FIXTURE_IDS.contains(m.id())).toList());
        all.add(testRule());
        return new RuleRegistry(all);
    }

    static RuleMeta testRule() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/report/SEC999.md")) {
            return RuleDocs.parse("SEC999.md", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReportOptions options(boolean color) {
        return new ReportOptions(color, "0.1.0", ROOT, registry());
    }

    static List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        // a syntax error with a fix that inserts the missing semicolon
        Span pp = find(NGINX, "proxy_pass http://backend");
        out.add(new Finding("SYN001", Level.ERROR, "directive \"proxy_pass\" is not terminated by \";\"",
                pp, List.of(), new Fix("add the missing ';'", List.of(TextEdit.insert(NGINX, pp.end(), ";")))));
        // a warning after tabs and wide characters, with a related location in another file
        Span always = find(NGINX, "always");
        out.add(new Finding("SEC999", Level.WARNING, "Header sent to a plain-text backend: 100% visible, "
                + "even on port 80, a: b.\nSecond line.", always,
                List.of(new Related(find(APACHE, "ServerName example.com"), "the virtual host that proxies here")),
                null));
        // a multi-line span (a whole block) with a note level
        int open = APACHE.text().indexOf("<Location /ws>");
        int close = APACHE.text().indexOf("</Location>") + "</Location>".length();
        out.add(new Finding("CFG104", Level.NOTE, "the variable ${BACKEND} is not defined",
                APACHE.span(open, close), List.of(new Related(find(APACHE, "${BACKEND}"), "used here")),
                new Fix("define BACKEND", List.of(TextEdit.insert(APACHE, 0, "Define BACKEND 127.0.0.1\r\n"),
                        TextEdit.replace(find(APACHE, "ws://127.0.0.1:9000/"), "ws://127.0.0.1:9001/")))));
        // an undocumented rule id
        out.add(new Finding("XYZ001", Level.ERROR, "undocumented rule", find(NGINX, "listen 80;")));
        return out;
    }

    static ReportInput input() {
        return new ReportInput(findings(), 3, 2);
    }
}
