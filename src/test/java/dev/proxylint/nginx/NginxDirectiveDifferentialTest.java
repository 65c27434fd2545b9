package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.LintResult;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directive-table rules against the real nginx 1.22 ({@code nginx -t}): every case of
 * {@code testdata/nginx/cfg/} is run through nginx -t (wrapped so that its line numbers stay, with
 * temp paths and logs in the test's own directory). nginx accepts a case exactly when proxylint
 * reports no error for it; when nginx refuses it, proxylint has a finding of the matching rule on the
 * line nginx names (nginx stops at its first error, so each positive case holds one). Cases that
 * load modules run with Debian's module packages (a missing one fails on CI, is skipped elsewhere);
 * cases that target another release are left out, and counted.
 */
class NginxDirectiveDifferentialTest {
    static final Path CASES = Path.of("testdata/nginx/cfg");
    /** Put on a case's first line: keeps its lines where they are. */
    private static final String TEMP = " access_log off; client_body_temp_path t/b; proxy_temp_path t/p;"
            + " fastcgi_temp_path t/f; uwsgi_temp_path t/u; scgi_temp_path t/s;";
    private static final Pattern EMERG = Pattern.compile("\\[emerg\\] (.*)");
    private static final Pattern HTTP_OPEN = Pattern.compile("(?m)^http \\{"); // the brace's line may go on

    /** nginx's message → the rule that reports it. */
    private static final Map<Pattern, String> KINDS = Map.of(
            Pattern.compile("^unknown directive \".*\"$"), "CFG120",
            Pattern.compile("^(\".*\" directive is not allowed here|location \".*\" cannot be inside the (exact|named) "
                    + "location \".*\"|named location \".*\" can be on the server level only|location \".*\" is outside "
                    + "location \".*\"|\"proxy_pass\" cannot have URI part in location given by regular expression, or "
                    + "inside named location, or inside \"if\" statement, or inside \"limit_except\" block)$"), "CFG121",
            Pattern.compile("^(invalid number of arguments in \".*\" directive|directive \".*\" has no opening \"\\{\""
                    + "|directive \".*\" is not terminated by \";\")$"), "CFG122",
            Pattern.compile("^(invalid value \".*\"( in \".*\" directive, it must be \"on\" or \"off\")?"
                    + "|\".*\" directive invalid (value|number)|invalid referer \".*\"|empty regex in \".*\""
                    + "|the \"none\" or \"blocked\" referers are specified in the \"valid_referers\" directive"
                    + " without any valid referer|invalid condition \".*\"|unexpected \".*\" in condition"
                    + "|invalid parameter \".*\"|the invalid \".*\" parameter|value \".*\" must be between 300 and 599"
                    + "|value must be between [0-9]+ and [0-9]+|invalid method \".*\"|invalid event type \".*\"|(invalid|duplicate) log level \".*\"|unknown log format escaping \".*\""
                    + "|invalid URL prefix|invalid address \".*\"|invalid variable name \".*\"|invalid (backlog|fastopen|rcvbuf|sndbuf) \".*\""
                    + "|invalid ipv6only flags \".*\"|invalid so_keepalive value: \".*\""
                    + "|balancing method does not support parameter \"backup\"|unknown log format \".*\""
                    + "|invalid location modifier \".*\"|invalid return code \".*\""
                    + "|(invalid port|invalid port range|invalid host|no host) in \".*\" of the \"listen\" directive"
                    + "|host not found in \".*[${}].*\" of the \"listen\" directive|host not found in (upstream|resolver) \".*[${}].*\""
                    + "|invalid number of the map parameters"
                    + "|invalid network \".*\"|invalid rate \".*\"|invalid session cache \".*\""
                    + "|(session cache|keys zone|zone) \".*\" is too small|invalid \"levels\" \".*\""
                    + "|invalid (number of connections|status) \".*\"|connection limit must be less 65536"
                    + "|invalid value \"[^\"]*\" in \"[a-z_]+\" directive|percent total is greater than 100%"
                    + "|invalid percent value \".*\"|(invalid host|invalid port|no host) in (upstream|resolver) \".*\""
                    + "|invalid parameter: .*|no name servers defined|invalid \"open_file_cache\" parameter \".*\""
                    + "|\"open_file_cache\" must have the \"max\" parameter|(no|too long) path in the unix domain socket in .*"
                    + "|\"proxy_redirect default\" (cannot be used with \"proxy_pass\" directive with variables"
                    + "|should be placed after the \"proxy_pass\" directive)"
                    + "|invalid (flush time|compression level) \".*\"|no buffer is defined for access_log \".*\""
                    + "|logs to syslog cannot be buffered|buffered logs cannot have variables in name"
                    + "|(no host|invalid host|invalid port) in syslog server \".*\"|unknown syslog (facility|severity|parameter) \".*\""
                    + "|duplicate syslog \".*\"|syslog tag length exceeds 32|syslog \"tag\" only allows alphanumeric characters and underscore"
                    + "|no syslog server specified|invalid \"open_log_file_cache\" parameter \".*\"|\"open_log_file_cache\" must have \"max\" parameter"
                    + "|log format is not specified|invalid range \".*\"|range \".*\" overlaps \".*\"|no port in upstream \".*\"|the \"ranges\" directive must be the first directive inside \"geo\" block"
                    + "|invalid number of the geo parameters|invalid code \".*\"|invalid zone (size|name) \".*\""
                    + "|(no|too long) path in the unix domain socket in upstream \".*\"|unknown thread pool \".*\"|duplicate parameters \".*\"|\"from=\" cannot be used with \"off\" parameter"
                    + "|\"disable_symlinks\" must have \"off\", \"on\" or \"if_not_owner\" parameter"
                    + "|invalid [a-z_ ]+ (value|size) \".*\"(, it must be \"on\" or \"off\")?"
                    + "|\".*\" must have \"(keys_)?zone\" parameter|\"expires\" directive .*"
                    + "|could not build [a-z_]+_hash, you should increase [a-z_]+_hash_bucket_size: [0-9]+"
                    + "|invalid (server name|hostname) or wildcard \".*\"( on .*)?|server name \".*\" is invalid"
                    + "|empty regex in server name \".*\"|index \".*\" in \"index\" directive is invalid|the http2 chunk size cannot be zero|there must be at least 2 \"[a-z]+_buffers\""
                    + "|[0-9]+ worker_connections are not enough for [0-9]+ listening sockets|upstream \".*\" may not have port [0-9]+"
                    + "|\"[a-z_]+\" must be (equal to or greater than|less than|equal to zero to disable) .*"
                    + "|SSL_CTX_set1_curves_list\\(\".*\"\\) failed.*|SSL_CONF_cmd\\(\"(?!Ciphersuites)[^\"]*\", \".*\"\\) failed.*)$"), "CFG123",
            Pattern.compile("^(\".*\" directive is duplicate(, \".*\" directive was specified earlier)?"
                    + "|a duplicate listen .*|a duplicate default server for .*|duplicate listen options for .*"
                    + "|duplicate upstream \".*\"|duplicate location \".*\"|duplicate default map parameter"
                    + "|conflicting parameter \".*\""
                    + "|the size [0-9]+ of shared memory zone \".*\" conflicts with already declared size [0-9]+"
                    + "|[a-z_]+ \".*\" is already bound to key \".*\"|duplicate zone \".*\""
                    + "|the duplicate \".*\" variable|duplicate \"log_format\" name \".*\""
                    + "|duplicate \".*\" address and port pair)$"), "CFG124",
            Pattern.compile("^unknown \".*\" variable$"), "CFG110",
            Pattern.compile("^pcre2_compile\\(\\) failed: .* in \".*$"), "CFG128",
            Pattern.compile("^(zero size shared memory zone \".*\"|\".*\" zone \".*\" is unknown"
                    + "|the shared memory zone \".*\" is already declared for a different use)$"), "CFG126",
            Pattern.compile("^(no servers are inside upstream|no servers in upstream \".*\"|no \"listen\" is defined for server|no handler for server|no \"events\" section in configuration|no \"ssl_certificate(_key)?\" is defined for the \"listen "
                    + "\\.\\.\\. ssl\" directive|no \"ssl_certificate\" is defined for the \"ssl\" directive|no \"ssl_certificate_key\" is defined for certificate \".*\")$"), "CFG129");

    @TempDir
    Path dir;

    @Test
    void everyCfgCaseGetsNginxsVerdict() throws Exception {
        NginxBinary.require();
        List<Path> cases;
        try (Stream<Path> s = Files.list(CASES)) {
            cases = s.filter(p -> p.toString().endsWith(".conf") && !p.toString().endsWith(".fixed.conf")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int refused = 0;
        int modules = 0;
        List<String> skipped = new ArrayList<>();
        for (Path p : cases) {
            String text = Files.readString(p);
            String version = CaseFile.read(p).options().get("nginx-version");
            if (CaseFile.read(p).expected().stream().anyMatch(k -> k.startsWith("CFG10"))) {
                skipped.add(p.getFileName() + " (include resolution: NginxIncludeTest)");
                continue;
            }
            if (CaseFile.read(p).expected().stream().anyMatch(k -> k.startsWith("CFG137"))) {
                // nginx -t would look the bare name up in DNS: no test reaches beyond this machine
                skipped.add(p.getFileName() + " (nginx would resolve a host name)");
                continue;
            }
            String missing = missingModule(text);
            if (missing != null) {
                if (NginxBinary.required()) {
                    failures.add(p.getFileName() + ": the module " + missing + " is not installed (CI installs it)");
                }
                skipped.add(p.getFileName() + " (module " + missing + " not installed)");
                continue;
            }
            if (text.contains("load_module ")) {
                modules++;
            }
            if (version != null && !version.startsWith("1.22.")) {
                skipped.add(p.getFileName() + " (nginx " + version + ")");
                continue;
            }
            checked++;
            String why = check(p, text);
            if (why == null) {
                continue;
            }
            if (why.startsWith("refused:")) {
                refused++;
            } else {
                failures.add(why);
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        assertTrue(checked >= 45, "only " + checked + " cases checked; skipped " + skipped);
        assertTrue(refused >= 25, "only " + refused + " cases refused by nginx");
        assertTrue(skipped.size() <= 12, "skipped " + skipped);
        if (NginxBinary.required()) {
            assertTrue(modules >= 8, "only " + modules + " cases with load_module checked");
        }
    }

    /** Debian's module directory: where {@code load_module modules/x.so} points for Debian's nginx. */
    static final Path MODULES = Path.of("/usr/share/nginx/modules");
    private static final Pattern LOAD = Pattern.compile("(?m)^(\\s*load_module\\s+)(?:modules/|/usr/share/nginx/modules/)"
            + "([\\w.-]+\\.so)");

    private static final Pattern JS_IMPORT = Pattern.compile("js_import\\s+(\\w+)\\s+from\\s+([\\w.-]+\\.js)\\s*;");

    /**
     * njs reads the scripts a case imports while nginx -t runs: write each one, exporting the
     * functions the case names ({@code main.sign}), so that the verdict is about the directives.
     */
    static void writeJsModules(String text, Path work) throws java.io.IOException {
        Matcher m = JS_IMPORT.matcher(text);
        while (m.find()) {
            Matcher use = Pattern.compile("\\b" + m.group(1) + "\\.(\\w+)").matcher(text);
            java.util.Set<String> fns = new java.util.TreeSet<>();
            while (use.find()) {
                fns.add(use.group(1));
            }
            StringBuilder js = new StringBuilder();
            for (String f : fns) {
                js.append("function ").append(f).append("(r) { return ''; }\n");
            }
            js.append("export default {").append(String.join(", ", fns)).append("};\n");
            Files.writeString(work.resolve(m.group(2)), js);
        }
    }

    /** The first module a case loads that this machine lacks, or null. */
    static String missingModule(String text) {
        Matcher m = LOAD.matcher(text);
        while (m.find()) {
            if (!Files.exists(MODULES.resolve(m.group(2)))) {
                return m.group(2);
            }
        }
        return null;
    }

    /** null: nginx accepts and proxylint has no error; "refused:...": both refuse alike; else the mismatch. */
    private String check(Path p, String text) throws Exception {
        String name = p.getFileName().toString();
        Path work = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(work.resolve("t"));
        Path inc = p.resolveSibling("inc");
        if (Files.isDirectory(inc)) {
            Files.createDirectories(work.resolve("inc"));
            try (Stream<Path> s = Files.list(inc)) {
                for (Path f : s.toList()) {
                    Files.copy(f, work.resolve("inc").resolve(f.getFileName()));
                }
            }
        }
        String conf;
        if (text.lines().anyMatch(l -> l.equals("# nginx-context: location"))) {
            conf = "events {} http {" + TEMP + " server { listen 127.0.0.1:18080; location / { " + text + "\n}}}\n";
        } else if (HTTP_OPEN.matcher(text).find()) {
            conf = HTTP_OPEN.matcher(text).replaceFirst("http {" + TEMP);
        } else {
            return name + ": neither a complete config nor marked '# nginx-context: location'";
        }
        writeJsModules(text, work);
        // the case's modules/ is relative to nginx's prefix; this test runs nginx with its own prefix
        conf = LOAD.matcher(conf).replaceAll("$1" + MODULES + "/$2");
        Path file = work.resolve("nginx.conf");
        Files.write(file, conf.getBytes(StandardCharsets.UTF_8));
        NginxBinary.Verdict v = NginxBinary.test(file, work);
        LintResult r = CaseFile.read(p).lint();
        List<Finding> errors = r.findings().stream()
                .filter(f -> f.level() == Level.ERROR && KINDS.containsValue(f.ruleId())).toList();
        if (v.ok()) {
            return errors.isEmpty() ? null : name + ": nginx accepts it, proxylint reports " + describe(errors);
        }
        Matcher emerg = EMERG.matcher(v.output());
        if (!emerg.find()) {
            return name + ": nginx refuses it without an [emerg] line: " + v.output();
        }
        // unknown variables are found after the whole file is read: nginx names no line for them
        String message = v.message() != null ? v.message() : emerg.group(1);
        String kind = null;
        for (var e : KINDS.entrySet()) {
            if (e.getKey().matcher(message).matches()) {
                kind = e.getValue();
            }
        }
        if (kind == null) {
            return name + ": case built wrong, nginx says: " + v.output();
        }
        String k = kind;
        // zones are checked after the http block is read: nginx names its end, or no line, or the
        // second declaration; the zone's name must match instead
        Matcher zone = Pattern.compile("zone \"([^\"]*)\"").matcher(message);
        String zoneName = k.equals("CFG126") && zone.find() ? "\"" + zone.group(1) + "\"" : null;
        // the buffer sizes of proxy and its twins are checked as nginx merges the blocks, at the end
        // of the http block (the line nginx names); the message must match instead
        String merged = message.matches("there must be at least 2 .*|\"[a-z_]+\" must be .*") ? message : null;
        boolean same = r.findings().stream().anyMatch(f -> (zoneName != null ? f.message().contains(zoneName)
                : merged != null ? f.message().startsWith(merged)
                : v.line() == 0 || f.span().startLine() == v.line())
                && (f.ruleId().equals(k) && f.level() == Level.ERROR
                        || (k.equals("CFG120") || k.equals("CFG110")) && f.ruleId().equals("CFG125")
                                && f.level() == Level.WARNING));
        if (!same) {
            return name + ": nginx says \"" + message + "\" at line " + v.line() + " (" + k + "), proxylint: "
                    + describe(r.findings());
        }
        return "refused: " + name;
    }

    private static String describe(List<Finding> fs) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : fs) {
            sb.append(f.ruleId()).append('@').append(f.span().startLine()).append(' ').append(f.message()).append("; ");
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
    }

    @Test
    void theMessageTableKnowsNginxsWords() {
        assertEquals(9, KINDS.size());
        String[] samples = {"unknown directive \"foo\"", "\"listen\" directive is not allowed here",
            "invalid number of arguments in \"root\" directive", "directive \"location\" has no opening \"{\"",
            "invalid value \"yes\" in \"gzip\" directive, it must be \"on\" or \"off\"",
            "\"client_max_body_size\" directive invalid value", "unknown \"x\" variable",
            "the \"none\" or \"blocked\" referers are specified in the \"valid_referers\" directive without any "
                + "valid referer", "empty regex in \"~\"",
            "\"root\" directive is duplicate", "pcre2_compile() failed: missing closing parenthesis in \"(a\" at \"\"", "a duplicate listen 127.0.0.1:8080",
            "zero size shared memory zone \"one\"",
            "location \"/b\" is outside location \"^/a\"", "named location \"@b\" can be on the server level only",
            "location \"/a/b\" cannot be inside the exact location \"/a\"",
            "\"proxy_pass\" cannot have URI part in location given by regular expression, or inside named location, or "
                + "inside \"if\" statement, or inside \"limit_except\" block",
            "a duplicate default server for 0.0.0.0:80", "duplicate listen options for [::]:443",
            "duplicate upstream \"b\"", "duplicate location \"/a\"", "duplicate default map parameter",
            "conflicting parameter \"/a\"", "\"alias\" directive is duplicate, \"root\" directive was specified earlier",
            "no servers are inside upstream", "no \"ssl_certificate\" is defined for the \"listen ... ssl\" directive",
            "no \"ssl_certificate_key\" is defined for certificate \"/etc/nginx/a.pem\"",
            "invalid port in \"70000\" of the \"listen\" directive", "unknown log format \"main\"", "invalid location modifier \"~~\"", "invalid return code \"1000\"",
            "invalid condition \"uri\"", "unexpected \"==\" in condition", "invalid parameter \"perm\"",
            "the invalid \"default_server\" parameter", "value \"200\" must be between 300 and 599",
            "invalid URL prefix", "invalid variable name \"foo\"", "invalid backlog \"backlog=x\"",
            "invalid ipv6only flags \"x\"", "invalid so_keepalive value: \"x\"",
            "invalid session cache \"shared:SSL\"", "session cache \"shared:SSL:10k\" is too small",
            "keys zone \"keys_zone=c:4k\" is too small", "zone \"zone=a:10\" is too small", "invalid \"levels\" \"levels=3\"",
            "invalid keys zone size \"keys_zone=c\"", "invalid use_temp_path value \"use_temp_path=x\", it must be \"on\" "
                + "or \"off\"", "\"proxy_cache_path\" must have \"keys_zone\" parameter", "\"limit_req\" must have \"zone\" "
                + "parameter", "invalid burst value \"burst=x\"", "invalid number of connections \"0\"",
            "connection limit must be less 65536", "invalid status \"700\"", "invalid time value \"any\"",
            "\"expires\" directive daily time value must be less than 24 hours",
            "the duplicate \"uri\" variable", "invalid address \"localhost\"", "the size 2 of shared memory zone \"a\" conflicts with already declared size 1",
            "limit_req_zone \"a\" is already bound to key \"$uri\"", "duplicate zone \"a\"",
            "no \"ssl_certificate\" is defined for the \"ssl\" directive",
            "invalid value \"x\" in \"keepalive\" directive", "percent total is greater than 100%",
            "invalid percent value \"50\"", "invalid port in upstream \"127.0.0.1:99999\"", "no host in upstream \"\"",
            "invalid host in upstream \"http://127.0.0.1:8080\"",
            "balancing method does not support parameter \"backup\"", "\"proxy_cache\" zone \"c\" is unknown",
            "the shared memory zone \"d\" is already declared for a different use",
            "could not build server_names_hash, you should increase server_names_hash_bucket_size: 64",
            "invalid server name or wildcard \"www.*.com\" on 0.0.0.0:80", "server name \"*example.com\" is invalid",
            "there must be at least 2 \"proxy_buffers\"", "0 worker_connections are not enough for 0 listening sockets",
            "upstream \"backend\" may not have port 8080", "no servers in upstream \"b\"",
            "\"proxy_busy_buffers_size\" must be less than the size of all "
                + "\"proxy_buffers\" minus one buffer",
            "SSL_CTX_set1_curves_list(\"foo\") failed (SSL: error:0A080106:SSL routines::passed invalid argument:group "
                + "'foo' cannot be set)", "SSL_CONF_cmd(\"Foo\", \"bar\") failed (SSL: error:0A000182:SSL routines::unknown "
                + "cmd name:cmd=Foo)"};
        for (String s : samples) {
            assertTrue(KINDS.keySet().stream().anyMatch(k -> k.matcher(s).matches()), s);
        }
        if (KINDS.keySet().stream().anyMatch(k -> k.matcher("host not found in upstream \"x\"").matches())) {
            fail("an unrelated nginx message matched a rule");
        }
    }
}
