package dev.proxylint.apache;

import dev.proxylint.syntax.ParseCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * proxylint against the real httpd ({@code apache2 -t}): the same configs must be accepted or
 * rejected, on the same line. Only syntax decides: every directive used is valid when reached.
 */
class ApacheDifferentialTest {
    static final Path APACHE = Path.of("/usr/sbin/apache2");
    static final String MODS = "/usr/lib/apache2/modules/";
    private static final Pattern ERR = Pattern.compile("Syntax error on line (\\d+) of ([^:\\s]+)");

    @TempDir
    Path tmp;

    private static String version;

    /** The installed httpd's version, from {@code apache2 -v}. */
    static synchronized String version() throws Exception {
        if (version == null) {
            Process p = new ProcessBuilder(APACHE.toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("apache2 -v did not finish");
            }
            Matcher m = Pattern.compile("Apache/(\\d+\\.\\d+\\.\\d+)").matcher(out);
            assertTrue(m.find(), out);
            version = m.group(1);
        }
        return version;
    }

    static void requireApache() {
        boolean have = Files.isExecutable(APACHE) && Files.isDirectory(Path.of(MODS));
        if (!have && "1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"))) {
            fail("PROXYLINT_REQUIRE_SERVERS=1 but " + APACHE + " (or " + MODS + ") is missing");
        }
        Assumptions.assumeTrue(have, "apache2 not installed at " + APACHE + "; differential test skipped");
    }

    /** httpd's verdict: null when "Syntax OK", else "file:line". */
    static String httpd(Path conf, Path serverRoot, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(APACHE.toString(), "-t", "-f", conf.toString(), "-d",
                serverRoot.toString());
        pb.redirectErrorStream(true);
        pb.environment().putAll(env);
        // the output goes to a temporary file of our own, never beside the config (which may be /etc/apache2)
        Path out = Files.createTempFile("httpd", ".out");
        String text;
        Process p;
        try {
            pb.redirectOutput(out.toFile());
            p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                fail("apache2 -t did not finish in 30 s");
            }
            text = Files.readString(out, StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(out);
        }
        if (p.exitValue() == 0) {
            assertTrue(text.contains("Syntax OK"), text);
            return null;
        }
        // errors in included files nest: "line 9 of main: Syntax error on line 2 of inc: ..."; the
        // innermost one is where the problem is
        Matcher m = ERR.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(2) + ":" + m.group(1);
        }
        if (last == null) {
            fail("unexpected apache2 output: " + text);
        }
        return last;
    }

    record Ours(Set<String> errorLines, Resolved resolved) {
    }

    static Ours ours(Path conf, ResolveOptions opts) throws IOException {
        ParseCache loader = new ParseCache(new ApacheFrontend());
        ParsedFile root = loader.load(conf, Dialect.APACHE);
        Resolved r = new ApacheFrontend().resolve(root, opts, loader);
        Set<String> lines = new TreeSet<>();
        List<Problem> all = new ArrayList<>(root.problems());
        all.addAll(r.problems());
        for (Problem p : all) {
            if (p.ruleId().equals("SYN001") || p.ruleId().equals("CFG101")) {
                lines.add(p.span().file().name() + ":" + p.span().startLine());
            }
        }
        return new Ours(lines, r);
    }

    static String header(Path tmp) {
        return "LoadModule mpm_event_module " + MODS + "mod_mpm_event.so\n"
                + "LoadModule authz_core_module " + MODS + "mod_authz_core.so\n"
                + "LoadModule alias_module " + MODS + "mod_alias.so\n"
                + "LoadModule headers_module " + MODS + "mod_headers.so\n"
                + "LoadModule rewrite_module " + MODS + "mod_rewrite.so\n"
                + "ServerName localhost\n"
                + "ErrorLog " + tmp.resolve("error.log") + "\n"
                + "PidFile " + tmp.resolve("httpd.pid") + "\n";
    }

    static Stream<Arguments> cases() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("plain", "ServerAdmin a@b\nServerSignature Off\n");
        c.put("vhost", "<VirtualHost *:8080>\n  ServerName x\n  <Location />\n    Require all granted\n  </Location>\n</VirtualHost>\n");
        c.put("unclosed-vhost", "<VirtualHost *:8080>\nServerName x\n");
        c.put("unclosed-nested", "<VirtualHost *:8080>\n<Location />\n</Location>\n");
        c.put("mismatched-close", "<VirtualHost *:8080>\n<Location />\n</VirtualHost>\n</Location>\n");
        c.put("stray-close", "ServerAdmin a@b\n</Directory>\n");
        c.put("missing-gt", "<Directory /tmp\n</Directory>\n");
        c.put("close-missing-gt", "<Directory /tmp>\n</Directory \n");
        c.put("close-with-trailing", "<Location />\n</Location> trailing words\n");
        c.put("case-insensitive", "<directory /tmp>\nrequire all granted\n</DIRECTORY>\n");
        c.put("continuation", "ServerAdmin \\\n  a@b\nHeader set X-A \\\n \"a b\"\n");
        c.put("continuation-comment", "# comment \\\nServerAdmin a b c d\nServerAdmin ok@x\n");
        c.put("continuation-at-eof", "ServerAdmin a@b\\\n");
        c.put("hash-argument", "Header set X-A a#b\n");
        c.put("quoted", "Header set X-A \"a \\\"quoted\\\" value\"\nHeader set X-B 'single \\'q\\''\n");
        c.put("unterminated-quote", "ServerAdmin \"a@b\n");
        c.put("rewrite-escaped-space", "RewriteEngine On\nRewriteRule ^/a\\ b$ /c [L]\nRewriteCond %{HTTP_HOST} \"^a b$\" [NC]\nRewriteRule . - [F]\n");
        c.put("define-subst", "Define ADMIN a@b\nServerAdmin ${ADMIN}\n");
        c.put("define-spaces-two-args", "Define TWO \"set X-A\"\nHeader ${TWO} v\n");
        c.put("ifmodule-loaded", "<IfModule mod_rewrite.c>\nRewriteEngine On\n</IfModule>\n");
        c.put("ifmodule-unloaded-skips", "<IfModule mod_nonexistent.c>\nNoSuchDirective here\n</IfModule>\n");
        c.put("ifmodule-unclosed", "<IfModule rewrite_module>\nRewriteEngine On\n");
        c.put("ifdefine-skips", "<IfDefine NOPE>\nNoSuchDirective\n</IfDefine>\n<IfDefine !NOPE>\nServerAdmin a@b\n</IfDefine>\n");
        c.put("nested-if", "<IfModule alias_module>\n<IfDefine !X>\n<IfModule headers_module>\nHeader set A b\n</IfModule>\n</IfDefine>\n</IfModule>\n");
        c.put("include-missing", "ServerAdmin a@b\nInclude missing.conf\n");
        c.put("include-glob-nomatch", "Include nomatch/*.conf\n");
        c.put("includeoptional-missing", "IncludeOptional missing/*.conf\nIncludeOptional missing.conf\n");
        c.put("include-ok", "Include inc/*.conf\n");
        c.put("include-broken", "Include bad/*.conf\n");
        c.put("macro", "LoadModule macro_module " + MODS + "mod_macro.so\n<Macro H $v>\nHeader set X-V $v\n</Macro>\nUse H one\nUndefMacro H\n");
        c.put("ifmodule-unclosed-nested", "<IfModule rewrite_module>\n<Location />\n");
        c.put("unclosed-around-if", "<Location />\n<IfModule rewrite_module>\n");
        c.put("ifmodule-false-unclosed", "<IfModule mod_nope.c>\nServerAdmin a@b\n");
        c.put("ifmodule-false-mismatch", "<IfModule mod_nope.c>\n</Foo>\n</IfModule>\n");
        c.put("empty-and-blank", "\n   \n\t\nServerAdmin a@b   \n");
        c.put("crlf", "<Location />\r\nRequire all granted\r\n</Location>\r\n");
        c.put("deep-ok", "<IfModule alias_module>\n".repeat(40) + "ServerAdmin a@b\n" + "</IfModule>\n".repeat(40));
        c.put("deep-mismatch", "<IfModule alias_module>\n".repeat(10) + "</Location>\n" + "</IfModule>\n".repeat(10));
        List<Arguments> out = new ArrayList<>();
        c.forEach((k, v) -> out.add(Arguments.of(k, v)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameVerdictAsHttpd(String name, String body) throws Exception {
        requireApache();
        ApacheTestSupport.write(tmp, "inc/a.conf", "ServerAdmin inc@x\n");
        ApacheTestSupport.write(tmp, "inc/b.conf", "<Location /b>\n</Location>\n");
        ApacheTestSupport.write(tmp, "bad/a.conf", "ServerAdmin ok@x\n<Location /b>\n");
        Path conf = ApacheTestSupport.write(tmp, "httpd.conf", header(tmp) + body);
        String theirs = httpd(conf, tmp, Map.of());
        Ours ours = ours(conf, new ResolveOptions(null, tmp, Map.of(), Set.of(), true, version(), null));
        if (theirs == null) {
            assertEquals(Set.of(), ours.errorLines(), "httpd says Syntax OK");
        } else {
            assertTrue(ours.errorLines().contains(theirs) || insideSkipped(ours, theirs),
                    "httpd: " + theirs + ", proxylint: " + ours.errorLines());
        }
    }

    /**
     * httpd skips a false conditional section by scanning for its end, and reports a nesting error
     * met there on the line of the conditional itself; proxylint reports it where it is. Accept
     * that: our error lies inside a FALSE conditional that starts on httpd's line.
     */
    private static boolean insideSkipped(Ours ours, String theirs) {
        for (var n : ours.resolved().items()) {
            if (n instanceof Directive d && d.cond() == dev.proxylint.syntax.Cond.FALSE
                    && theirs.equals(d.file().name() + ":" + d.line())) {
                for (String e : ours.errorLines()) {
                    int line = Integer.parseInt(e.substring(e.lastIndexOf(':') + 1));
                    if (e.startsWith(d.file().name() + ":") && line >= d.line() && line <= d.span().endLine()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Conditional evaluation matches httpd: a bad directive fails httpd exactly when we keep it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionals")
    void conditionalsMatchHttpd(String name, String body) throws Exception {
        requireApache();
        String bomb = "ServerAdmin too many args\n";
        // files for the include cases: which of them httpd reads decides where it fails
        ApacheTestSupport.write(tmp, "dd/.hidden", bomb);
        ApacheTestSupport.write(tmp, "dd/sub/x.conf", "ServerAdmin ok@x\n");
        ApacheTestSupport.write(tmp, "ee/sub/y.conf", bomb);
        ApacheTestSupport.write(tmp, "ff/.dot.conf", bomb);
        ApacheTestSupport.write(tmp, "ff/a.conf", "ServerAdmin ok@x\n");
        ApacheTestSupport.write(tmp, "gg/b.conf", "<IfModule mod_nope.c>\n" + bomb + "</IfModule>\nDefine FROM_GG\n");
        Path conf = ApacheTestSupport.write(tmp, "httpd.conf", header(tmp) + body);
        String theirs = httpd(conf, tmp, Map.of());
        Ours ours = ours(conf, new ResolveOptions(null, tmp, Map.of(), Set.of(), true, version(), null));
        List<String> bombs = new ArrayList<>();
        Tree.walk(ours.resolved().items(), d -> {
            if (d.is("ServerAdmin") && d.argCount() > 1) {
                bombs.add(d.file().name() + ":" + d.line());
            }
        });
        assertEquals(theirs == null ? List.of() : List.of(theirs), bombs.isEmpty() ? List.of() : bombs.subList(0, 1));
    }

    static Stream<Arguments> conditionals() {
        Map<String, String> c = new LinkedHashMap<>();
        String bomb = "ServerAdmin too many args\n";
        c.put("ifmodule-true", "<IfModule mod_headers.c>\n" + bomb + "</IfModule>\n");
        c.put("ifmodule-false", "<IfModule mod_ssl.c>\n" + bomb + "</IfModule>\n");
        c.put("ifmodule-not-false", "<IfModule !headers_module>\n" + bomb + "</IfModule>\n");
        c.put("ifmodule-builtin", "<IfModule mod_version.c>\n" + bomb + "</IfModule>\n");
        c.put("ifmodule-after-load", "<IfModule mod_env.c>\nServerAdmin a@b\n</IfModule>\nLoadModule env_module " + MODS
                + "mod_env.so\n<IfModule env_module>\n" + bomb + "</IfModule>\n");
        c.put("ifdefine-defined", "Define ON\n<IfDefine ON>\n" + bomb + "</IfDefine>\n");
        c.put("ifdefine-undefined", "Define ON\nUnDefine ON\n<IfDefine ON>\n" + bomb + "</IfDefine>\n");
        c.put("ifdefine-not", "<IfDefine !OFF>\n" + bomb + "</IfDefine>\n");
        c.put("define-in-false-branch", "<IfDefine NO>\nDefine ON\n</IfDefine>\n<IfDefine ON>\n" + bomb + "</IfDefine>\n");
        c.put("ifversion", "<IfVersion >= 2.4>\nServerAdmin a@b\n</IfVersion>\n<IfVersion < 2.0>\n" + bomb + "</IfVersion>\n");
        c.put("ifversion-short-equal", "<IfVersion = 2.4>\n" + bomb + "</IfVersion>\n");
        c.put("ifversion-short-greater", "<IfVersion > 2.4>\n" + bomb + "</IfVersion>\n");
        c.put("ifversion-regex", "<IfVersion ~ ^2\\.4\\.>\n" + bomb + "</IfVersion>\n");
        c.put("ifversion-negated", "<IfVersion !< 2.2>\n" + bomb + "</IfVersion>\n");
        c.put("include-dir-reads-dotfiles", "Include dd\n");
        c.put("include-dir-recursive", "Include ee\n");
        c.put("include-glob-skips-dotfiles", "Include ff/*.conf\n");
        c.put("include-glob-matches-dirs", "Include e*\n");
        c.put("define-from-included-file", "Include gg/*.conf\n<IfDefine FROM_GG>\n" + bomb + "</IfDefine>\n");
        c.put("includeoptional-glob", "IncludeOptional */sub/*.conf\n");
        List<Arguments> out = new ArrayList<>();
        c.forEach((k, v) -> out.add(Arguments.of(k, v)));
        return out.stream();
    }

    /** Debian's own tree: httpd says Syntax OK, proxylint finds no SYN/CFG101/CFG102 problem. */
    @Test
    void debianTree() throws Exception {
        requireApache();
        Path conf = Path.of("/etc/apache2/apache2.conf");
        Assumptions.assumeTrue(Files.isReadable(conf), "no /etc/apache2/apache2.conf");
        Map<String, String> env = envvars(Path.of("/etc/apache2/envvars"));
        // runtime directories point into the test's own temp dir (nothing of the system is touched)
        for (String k : List.of("APACHE_RUN_DIR", "APACHE_LOCK_DIR", "APACHE_LOG_DIR")) {
            env.put(k, tmp.toString());
        }
        env.put("APACHE_PID_FILE", tmp.resolve("apache2.pid").toString());
        assertEquals(null, httpd(tmpCopyName(conf), Path.of("/etc/apache2"), env));
        Ours ours = ours(conf, new ResolveOptions(null, Path.of("/etc/apache2"), env, Set.of(), true, null, null));
        List<Problem> bad = new ArrayList<>();
        ParseCache l = new ParseCache(new ApacheFrontend());
        bad.addAll(l.load(conf, Dialect.APACHE).problems());
        bad.addAll(ours.resolved().problems());
        bad.removeIf(p -> !(p.ruleId().startsWith("SYN") || p.ruleId().equals("CFG101") || p.ruleId().equals("CFG102")));
        assertEquals(List.of(), bad);
        assertTrue(ours.resolved().files().size() > 5, "includes were followed: " + ours.resolved().files());
        List<Directive> listens = new ArrayList<>();
        Tree.walk(ours.resolved().items(), d -> {
            if (d.is("Listen")) {
                listens.add(d);
            }
        });
        assertTrue(!listens.isEmpty(), "ports.conf Listen found through Include");
    }

    private static Path tmpCopyName(Path conf) {
        return conf; // read in place (read-only)
    }

    /** The exported variables of Debian's envvars (simple NAME=value lines; $SUFFIX is empty). */
    static Map<String, String> envvars(Path p) throws IOException {
        Map<String, String> env = new HashMap<>();
        if (!Files.isReadable(p)) {
            return env;
        }
        Pattern exp = Pattern.compile("^\\s*export\\s+([A-Z_][A-Z0-9_]*)=(.*)$");
        for (String line : Files.readAllLines(p)) {
            Matcher m = exp.matcher(line);
            if (m.matches()) {
                String v = m.group(2).trim().replace("$SUFFIX", "").replace("${SUFFIX}", "");
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                env.put(m.group(1), v);
            }
        }
        return env;
    }
}
