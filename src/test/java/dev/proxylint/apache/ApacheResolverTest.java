package dev.proxylint.apache;

import dev.proxylint.syntax.ParseCache;
import static dev.proxylint.apache.ApacheTestSupport.effective;
import static dev.proxylint.apache.ApacheTestSupport.ids;
import static dev.proxylint.apache.ApacheTestSupport.opts;
import static dev.proxylint.apache.ApacheTestSupport.resolve;
import static dev.proxylint.apache.ApacheTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Cond;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Tree;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApacheResolverTest {
    @TempDir
    Path tmp;

    private Directive top(Resolved r, String name) {
        for (var n : r.items()) {
            if (n instanceof Directive d && d.is(name)) {
                return d;
            }
        }
        throw new AssertionError(name);
    }

    private Directive find(Resolved r, String name) {
        Directive[] hit = new Directive[1];
        Tree.walk(r.items(), d -> {
            if (hit[0] == null && d.is(name)) {
                hit[0] = d;
            }
        });
        assertNotNull(hit[0], name);
        return hit[0];
    }

    @Test
    void defineSubstitutionInReadOrder() throws IOException {
        Path root = write(tmp, "a.conf", "ServerName ${H}\nDefine H one\nServerName ${H}\nDefine H two\n"
                + "ServerName x${H}y\nUnDefine H\nServerName ${H}\n");
        Resolved r = resolve(root);
        assertEquals(List.of("ServerName ${H}", "Define H one", "ServerName one", "Define H two",
                "ServerName xtwoy", "UnDefine H", "ServerName ${H}"), effective(r));
        assertEquals(List.of("CFG104", "CFG104"), ids(r.problems()));
        Problem p = r.problems().get(0);
        assertEquals("1:12", ApacheTestSupport.pos(p));
        assertEquals("Config variable ${H} is not defined", p.message());
        assertEquals(7, r.problems().get(1).span().startLine());
    }

    @Test
    void defineWithoutValueIsNotAVariable() throws IOException {
        Resolved r = resolve(write(tmp, "a.conf", "Define X\nServerName ${X}\n<IfDefine X>\nA\n</IfDefine>\n"));
        assertEquals(List.of("CFG104"), ids(r.problems()));
        assertEquals(Cond.TRUE, top(r, "IfDefine").cond());
    }

    @Test
    void substitutionRetokenizesAndKeepsPositions() throws IOException {
        Path root = write(tmp, "a.conf", "Define ARGS \"a b\" \nDefine TWO \"x y\"\nProxyPass /p ${TWO} last\n");
        Resolved r = resolve(root);
        Directive d = find(r, "ProxyPass");
        assertEquals(List.of("/p", "x", "y", "last"), d.values());
        // both produced args point at the ${TWO} text
        Arg x = d.args().get(1);
        Arg y = d.args().get(2);
        assertEquals("${TWO}", x.span().text());
        assertEquals("${TWO}", y.span().text());
        assertEquals(3, x.span().startLine());
        assertEquals(14, x.span().startColumn());
        assertEquals("last", d.args().get(3).span().text());
        // the parsed tree keeps raw values
        ParsedFile pf = new ParseCache(new ApacheFrontend()).load(root, Dialect.APACHE);
        assertEquals("${TWO}", ApacheTestSupport.dir(pf, 2).arg(1));
    }

    @Test
    void substitutionInsideQuotesAndOptionsDefines() throws IOException {
        Path root = write(tmp, "a.conf", "ErrorLog \"${LOG}/error log\"\n<IfDefine SSL>\nX\n</IfDefine>\n");
        Resolved r = resolve(root, opts(Map.of("LOG", "/var/log", "SSL", ""), Set.of(), false, null));
        assertEquals("/var/log/error log", find(r, "ErrorLog").arg(0));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(Cond.TRUE, top(r, "IfDefine").cond());
    }

    @Test
    void definesFromIncludedFilesApplyLater() throws IOException {
        write(tmp, "vars.conf", "Define PORT 8080\n");
        Path root = write(tmp, "a.conf", "Include vars.conf\nListen ${PORT}\n");
        Resolved r = resolve(root);
        assertEquals(List.of("Define PORT 8080", "Listen 8080"), effective(r));
        Directive inc = (Directive) r.items().get(0);
        assertEquals(1, inc.includedFiles().size());
        Directive def = (Directive) inc.expansion().get(0);
        assertSame(inc, def.via());
        assertEquals(2, r.files().size());
    }

    @Test
    void includeGlobInAnyComponentSortedAndDirectoriesRecursive() throws IOException {
        write(tmp, "conf.d/b/2.conf", "B2\n");
        write(tmp, "conf.d/a/2.conf", "A2\n");
        write(tmp, "conf.d/a/1.conf", "A1\n");
        write(tmp, "conf.d/a/.hidden.conf", "HIDDEN\n");
        write(tmp, "conf.d/a/skip.txt", "SKIP\n");
        write(tmp, "dir/z.conf", "Z\n");
        write(tmp, "dir/sub/y.conf", "Y\n");
        write(tmp, "dir/.dot", "DOT\n");
        Path root = write(tmp, "main.conf", "Include conf.d/*/*.conf\nInclude dir\nIncludeOptional nothing/*.conf\n"
                + "IncludeOptional missing.conf\n");
        Resolved r = resolve(root);
        assertEquals(List.of("A1", "A2", "B2", "DOT", "Y", "Z"), effective(r));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void includeAbsoluteAndServerRoot() throws IOException {
        Path other = write(tmp, "sr/conf/x.conf", "X\n");
        Path root = write(tmp, "main.conf", "ServerRoot " + tmp.resolve("sr") + "\nInclude conf/x.conf\nInclude "
                + other + "\n");
        assertEquals(List.of("ServerRoot " + tmp.resolve("sr"), "X", "X"), effective(resolve(root)));
    }

    @Test
    void includeWithoutMatchIsCfg101() throws IOException {
        Path root = write(tmp, "main.conf", "\n  Include nope.conf\nInclude conf.d/*.conf\nInclude "
                + "x/*/y.conf\n");
        write(tmp, "conf.d/readme", "\n");
        Resolved r = resolve(root);
        assertEquals(List.of("CFG101", "CFG101", "CFG101"), ids(r.problems()));
        assertEquals("2:3", ApacheTestSupport.pos(r.problems().get(0)));
        assertTrue(r.problems().get(1).message().contains("No matches for the wildcard '*.conf'"),
                r.problems().get(1).message());
    }

    @Test
    void includeCycleIsCfg102() throws IOException {
        write(tmp, "b.conf", "B\nInclude a.conf\n");
        Path root = write(tmp, "a.conf", "A\nInclude b.conf\n");
        Resolved r = resolve(root);
        assertEquals(List.of("CFG102"), ids(r.problems()));
        assertEquals(List.of("A", "B"), effective(r));
    }

    @Test
    void includeSelfViaGlobIsCfg102() throws IOException {
        Path root = write(tmp, "c/main.conf", "Include c/*.conf\n");
        Resolved r = resolve(root, new ResolveOptions(null, tmp, Map.of(), Set.of(), false, null, null));
        assertEquals(List.of("CFG102"), ids(r.problems()));
    }

    @Test
    void includeDepthLimitIsCfg103() throws IOException {
        for (int i = 0; i < 140; i++) {
            write(tmp, "f" + i + ".conf", "L" + i + "\nInclude f" + (i + 1) + ".conf\n");
        }
        write(tmp, "f140.conf", "END\n");
        Resolved r = resolve(tmp.resolve("f0.conf"));
        assertEquals(List.of("CFG103"), ids(r.problems()));
        assertEquals(129, effective(r).size());
    }

    @Test
    void unreadableIncludeIsCfg106() throws IOException {
        Path root = write(tmp, "main.conf", "Include secret.conf\nInclude sock\n");
        write(tmp, "secret.conf", "X\n");
        java.nio.file.Files.createDirectories(tmp.resolve("sockdir"));
        ParseCache real = new ParseCache(new ApacheFrontend());
        FileLoader denying = (p, d) -> {
            if (p.getFileName().toString().equals("secret.conf")) {
                throw new AccessDeniedException(p.toString());
            }
            return real.load(p, d);
        };
        // a FIFO is not a regular file: never opened (reading it would block)
        Process mk = new ProcessBuilder("mkfifo", tmp.resolve("sock").toString()).start();
        try {
            mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ParsedFile pf = real.load(root, Dialect.APACHE);
        Resolved r = ApacheTestSupport.FE.resolve(pf, ResolveOptions.defaults(), denying);
        assertEquals(List.of("CFG106", "CFG106"), ids(r.problems()));
        assertTrue(r.problems().get(0).message().contains("Permission denied"));
    }

    @Test
    void ifModuleFromLoadModuleAndOptions() throws IOException {
        Path root = write(tmp, "m.conf", "<IfModule ssl_module>\nA\n</IfModule>\n"
                + "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n"
                + "<IfModule mod_ssl.c>\nB\n</IfModule>\n<IfModule !ssl_module>\nC\n</IfModule>\n"
                + "<IfModule proxy_module>\nD\n</IfModule>\n<IfModule mod_version.c>\nE\n</IfModule>\n"
                + "<IfModule !mod_headers.c>\nF\n</IfModule>\n");
        Resolved unknown = resolve(root);
        List<String> e = effective(unknown);
        // before LoadModule: unknown (the module set is not complete), so content is kept
        assertTrue(e.containsAll(List.of("A", "B", "D", "E", "F")), e.toString());
        assertTrue(!e.contains("C"), e.toString());
        Resolved known = resolve(root, opts(Map.of(), Set.of("proxy_module"), true, null));
        // conditional sections stand for their expansion: walkers see only the content read
        assertEquals(List.of("LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so",
                "B", "D", "E", "F"), effective(known));
        List<Cond> conds = new java.util.ArrayList<>();
        for (var n : known.items()) {
            if (n instanceof Directive d && d.is("IfModule")) {
                conds.add(d.cond());
            }
        }
        assertEquals(List.of(Cond.FALSE, Cond.TRUE, Cond.FALSE, Cond.TRUE, Cond.TRUE, Cond.TRUE), conds);
        assertEquals(List.of(Cond.UNKNOWN), List.of(((Directive) unknown.items().get(0)).cond()));
    }

    @Test
    void ifDefineFalseBranchIsNotRead() throws IOException {
        Path root = write(tmp, "d.conf", "<IfDefine NOPE>\nDefine V 1\nInclude missing.conf\n</IfDefine>\n"
                + "<IfDefine !NOPE>\nDefine W 2\n</IfDefine>\nX ${V} ${W}\n");
        Resolved r = resolve(root);
        assertEquals(List.of("CFG104"), ids(r.problems()));
        assertEquals("X ${V} 2", effective(r).get(effective(r).size() - 1));
        Directive first = (Directive) r.items().get(0);
        assertEquals(Cond.FALSE, first.cond());
        assertEquals(2, first.children().size());
        assertTrue(first.expansion().isEmpty());
    }

    @Test
    void ifVersion() throws IOException {
        Path root = write(tmp, "v.conf", "<IfVersion >= 2.4.10>\nA\n</IfVersion>\n<IfVersion < 2.4>\nB\n</IfVersion>\n"
                + "<IfVersion 2.4>\nC\n</IfVersion>\n<IfVersion ~ ^2\\.4\\.5>\nD\n</IfVersion>\n"
                + "<IfVersion !> 2.2>\nE\n</IfVersion>\n<IfVersion /^2\\.2/>\nF\n</IfVersion>\n"
                + "<IfFile /x>\nG\n</IfFile>\n");
        Resolved r = resolve(root, opts(Map.of(), Set.of(), false, "2.4.57"));
        // "2.4" means 2.4.0 (checked against apache2 2.4.71: <IfVersion = 2.4> is false there)
        assertEquals(List.of("A", "D", "G"), effective(r).stream().filter(s -> s.length() == 1).toList());
        Resolved unknown = resolve(root);
        for (var n : unknown.items()) {
            assertEquals(Cond.UNKNOWN, ((Directive) n).cond());
        }
    }

    @Test
    void ifVersionWithAMalformedVersionIsUnknown() throws IOException {
        Path root = write(tmp, "vbad.conf", "<IfVersion >= 2.4.x>\nA\n</IfVersion>\n<IfVersion = 2.4.71.0>\nB\n</IfVersion>\n"
                + "<IfVersion < 2.-1>\nC\n</IfVersion>\n<IfVersion > 2.>\nD\n</IfVersion>\n");
        Resolved r = resolve(root, opts(Map.of(), Set.of(), false, "2.4.57"));
        for (var n : r.items()) {
            assertEquals(Cond.UNKNOWN, ((Directive) n).cond(), ((Directive) n).arg(0));
        }
    }

    @Test
    void macroDefinitionAndUse() throws IOException {
        Path root = write(tmp, "m.conf", "<Macro VHost $name $port @root>\n<VirtualHost *:$port>\n"
                + "ServerName $name\nDocumentRoot @root\n</VirtualHost>\n</Macro>\n\n"
                + "Use VHost a.example 80 \"/srv/a b\"\nUse vhost b.example 8080 /srv/b\nUndefMacro VHost\n"
                + "Use VHost c 1 2\n");
        Resolved r = resolve(root);
        assertEquals(List.of("VirtualHost *:80", "ServerName a.example", "DocumentRoot /srv/a b",
                "VirtualHost *:8080", "ServerName b.example", "DocumentRoot /srv/b", "UndefMacro VHost"), effective(r));
        assertEquals(List.of("CFG105"), ids(r.problems()));
        Directive vh = find(r, "VirtualHost");
        assertEquals(8, vh.line());
        assertEquals(8, vh.args().get(0).span().startLine());
        assertTrue(vh.via().is("Use"));
        Directive sn = (Directive) vh.children().get(0);
        assertEquals(8, sn.line());
        assertSame(vh.via(), sn.via());
    }

    @Test
    void macroErrors() throws IOException {
        Path root = write(tmp, "m.conf", "<Macro M $a>\nX $a\n</Macro>\n<Macro M $a>\nY $a\n</Macro>\n"
                + "Use M\nUse Nope 1\n<Macro R $x>\nUse R $x\n</Macro>\nUse R 1\nUndefMacro Nope\n");
        Resolved r = resolve(root);
        assertEquals(List.of("CFG105", "CFG105", "CFG105", "CFG102", "CFG105"), ids(r.problems()));
        assertEquals(4, r.problems().get(0).span().startLine());
        assertEquals(7, r.problems().get(1).span().startLine());
        assertEquals(12, r.problems().get(3).span().startLine());
    }

    @Test
    void macroWithVariablesAndNestedMacros() throws IOException {
        Path root = write(tmp, "m.conf", "Define D /data\n<Macro Inner $p>\nAlias $p ${D}$p\n</Macro>\n"
                + "<Macro Outer $x>\nUse Inner /$x\n</Macro>\nUse Outer img\n");
        Resolved r = resolve(root);
        assertTrue(effective(r).contains("Alias /img /data/img"), effective(r).toString());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void expansionOfMacroTextHelper() {
        assertEquals("a \"x \\\"y\\\"\" bb", ApacheResolver.expandMacro("a @v $bb", List.of("@v", "$bb", "$b"),
                List.of("x \"y\"", "bb", "b")));
        assertEquals("1-2", ApacheResolver.expandMacro("${a}-$a", List.of("${a}", "$a"), List.of("1", "2")));
    }

    @Test
    void sectionArgsAndVariablesInIncludedDirectoryGlobs() throws IOException {
        write(tmp, "sites/one.conf", "<VirtualHost ${IP}:80>\nServerName one\n</VirtualHost>\n");
        Path root = write(tmp, "main.conf", "Define IP 10.0.0.1\nDefine SITES sites\nInclude ${SITES}/*.conf\n");
        Resolved r = resolve(root);
        Directive vh = find(r, "VirtualHost");
        assertEquals(List.of("10.0.0.1:80"), vh.values());
        assertEquals("${IP}:80", vh.args().get(0).span().text());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }
}
