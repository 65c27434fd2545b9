package dev.proxylint.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.LintResult;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code testdata/apache/cfg} case against the real httpd: {@code apache2 -t} refuses exactly
 * the lines where proxylint reports a CFG or SYN error, and nothing else (warning lines may go
 * either way). httpd stops at its first error, so each refused line is commented out (a section
 * with its body) and httpd runs again, until it says Syntax OK.
 *
 * <p>A case that loads an MPM is a full config and runs with exactly its modules. Any other case is
 * a snippet and runs with every module Debian ships loaded, which is what proxylint assumes of a
 * snippet: a directive it accepts is one httpd knows with the modules loaded.
 */
class ApacheDirectiveDifferentialTest {
    static final Path CASES = Path.of("testdata/apache/cfg");
    private static final Pattern MACRO_USE = Pattern.compile("used on line (\\d+) of \"([^\"]+)\"");
    private static final Pattern ERR = Pattern.compile("Syntax error on line (\\d+) of ([^:\\s]+):");
    private static final Pattern LOAD_FILE = Pattern.compile("(?im)^\\s*LoadModule\\s+\\S+\\s+\"?(/[^\\s\"]+)");
    private static final Pattern LOADS_MPM = Pattern.compile("(?im)^\\s*LoadModule\\s+mpm_");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> cfgCasesMatchHttpd() throws Exception {
        List<Path> cases;
        try (Stream<Path> s = Files.list(CASES)) {
            cases = s.filter(p -> p.toString().endsWith(".conf") && !p.toString().endsWith(".fixed.conf")).sorted()
                    .toList();
        }
        assertTrue(cases.size() >= 20, "cfg cases found: " + cases.size());
        // a case about another Apache version than the installed one cannot be judged by this httpd:
        // it is left to TestdataCasesTest (its expectations) instead of being a skipped test here
        List<Path> judged = new java.util.ArrayList<>();
        for (Path p : cases) {
            String target = CaseFile.read(p).options().get("apache-version");
            if (target == null || !Files.isExecutable(ApacheDifferentialTest.APACHE) || target.equals(ApacheDifferentialTest.version())) {
                judged.add(p);
            }
        }
        assertTrue(judged.size() >= 20, "cfg cases judged by httpd: " + judged.size());
        return judged.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    /**
     * Every module of httpd's own tree that Debian's apache2 package ships, one LoadModule line each
     * (one MPM, mod_cgid rather than mod_cgi). Third-party module packages installed beside it
     * (libapache2-mod-*, which CI installs for DebianModuleTreesTest) are left out: some need
     * others loaded first, and a snippet case is about httpd's own directives.
     */
    static String allModules() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(Path.of(ApacheDifferentialTest.MODS))) {
            for (Path so : s.sorted().toList()) {
                String f = so.getFileName().toString();
                if (!f.startsWith("mod_") || !f.endsWith(".so")) {
                    continue;
                }
                String n = f.substring(4, f.length() - 3);
                if (n.equals("mpm_prefork") || n.equals("mpm_worker") || n.equals("cgi")
                        || !dev.proxylint.apache.model.DirectiveTable.get().bundled(n + "_module")) {
                    continue;
                }
                sb.append("LoadModule ").append(n).append("_module ").append(so).append('\n');
            }
        }
        return sb.toString();
    }

    /** Modules compiled into Debian's apache2 (apache2 -l), whose file does not exist. */
    static final java.util.regex.Pattern BUILT_IN_FILE = java.util.regex.Pattern.compile(
            "mod_(so|watchdog|log_config|logio|version|unixd)\\.so");

    void check(Path casePath) throws Exception {
        ApacheDifferentialTest.requireApache();
        CaseFile cf = CaseFile.read(casePath);
        String text = Files.readString(casePath);
        boolean snippet = !LOADS_MPM.matcher(text).find();
        // a case that loads a module of a Debian package (libapache2-mod-*) needs that package: CI
        // installs them; elsewhere the case is skipped with the missing file named
        java.util.regex.Matcher lm = LOAD_FILE.matcher(text);
        while (lm.find()) {
            Path so = Path.of(lm.group(1));
            if (BUILT_IN_FILE.matcher(so.getFileName().toString()).matches()) {
                continue; // compiled into Debian's httpd: mod_so refuses it before it opens the file
            }
            if (!Files.exists(so)) {
                org.junit.jupiter.api.Assertions.assertFalse("1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS")),
                        casePath + " loads " + so + ", which is not installed (.ci/run installs it)");
                org.junit.jupiter.api.Assumptions.assumeTrue(false, "skipped: " + so + " is not installed");
            }
        }
        LintResult r = cf.lint();
        TreeSet<Integer> errors = new TreeSet<>();
        TreeSet<Integer> warnings = new TreeSet<>();
        Path abs = casePath.toAbsolutePath().normalize();
        for (Finding f : r.findings()) {
            if (f.span().file().path() == null || !f.span().file().path().toAbsolutePath().normalize().equals(abs)
                    || !(f.ruleId().startsWith("CFG") || f.ruleId().startsWith("SYN"))) {
                continue;
            }
            (f.level() == Level.ERROR ? errors : warnings).add(f.span().startLine());
        }
        Path caseConf = tmp.resolve("case.conf");
        Path main = tmp.resolve("main.conf");
        Files.writeString(main, (snippet ? allModules() : "") + "ErrorLog " + tmp.resolve("error.log") + "\n"
                + "PidFile " + tmp.resolve("httpd.pid") + "\nDefaultRuntimeDir " + tmp + "\n"
                + "Include " + caseConf + "\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        TreeSet<Integer> refused = new TreeSet<>();
        for (int round = 0; ; round++) {
            assertTrue(round < 40, "httpd kept refusing " + casePath);
            Files.writeString(caseConf, String.join("\n", lines));
            Integer line = refusedLine(main, caseConf);
            if (line == null) {
                break;
            }
            assertFalse(refused.contains(line), "line " + line + " refused again after it was commented out");
            refused.add(line);
            neutralize(lines, line - 1);
        }
        TreeSet<Integer> mustRefuse = new TreeSet<>(errors);
        TreeSet<Integer> httpdOnly = new TreeSet<>(refused);
        httpdOnly.removeAll(errors);
        httpdOnly.removeAll(warnings);
        assertEquals(mustRefuse, intersect(refused, errors), "proxylint error lines httpd accepts, in " + casePath
                + " (httpd refused " + refused + ", proxylint errors " + errors + ")");
        assertEquals(List.of(), List.copyOf(httpdOnly), "lines httpd refuses but proxylint accepts, in " + casePath
                + " (proxylint errors " + errors + ", warnings " + warnings + ")");
    }

    private static TreeSet<Integer> intersect(TreeSet<Integer> a, TreeSet<Integer> b) {
        TreeSet<Integer> out = new TreeSet<>(a);
        out.retainAll(b);
        return out;
    }

    record Checked(int exit, String output) {
    }

    /** {@code apache2 -t -f main -d dir}, bounded to 60 s: its exit status and output (in dir/httpd.out). */
    static Checked configTest(Path main, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ApacheDifferentialTest.APACHE.toString(), "-t", "-f", main.toString(),
                "-d", dir.toString());
        pb.redirectErrorStream(true);
        Path out = dir.resolve("httpd.out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("apache2 -t did not finish in 60 s");
        }
        return new Checked(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
    }

    /** The line of case.conf httpd refuses, or null when it says Syntax OK. */
    private Integer refusedLine(Path main, Path caseConf) throws Exception {
        Checked c = configTest(main, tmp);
        String o = c.output();
        if (c.exit() == 0) {
            assertTrue(o.contains("Syntax OK"), o);
            return null;
        }
        Matcher m = MACRO_USE.matcher(o);
        while (m.find()) {
            if (m.group(2).equals(caseConf.toString())) {
                return Integer.parseInt(m.group(1));
            }
        }
        Matcher e = ERR.matcher(o);
        Integer last = null;
        while (e.find()) {
            if (e.group(2).equals(caseConf.toString())) {
                last = Integer.parseInt(e.group(1));
            }
        }
        if (last == null) {
            fail("httpd refused the config, but not on a line of the case:\n" + o);
        }
        return last;
    }

    /** Comments out line i (0-based), and the whole section when it opens one. */
    static void neutralize(List<String> lines, int i) {
        String t = lines.get(i).trim();
        int end = i;
        if (t.startsWith("<") && !t.startsWith("</")) {
            String name = t.substring(1).split("[\\s>]", 2)[0].toLowerCase(Locale.ROOT);
            int depth = 0;
            for (int k = i; k < lines.size(); k++) {
                String u = lines.get(k).trim().toLowerCase(Locale.ROOT);
                if (u.startsWith("<" + name) && (u.length() == name.length() + 1
                        || " \t>".indexOf(u.charAt(name.length() + 1)) >= 0)) {
                    depth++;
                } else if (u.startsWith("</" + name)) {
                    depth--;
                    if (depth == 0) {
                        end = k;
                        break;
                    }
                }
            }
        }
        for (int k = i; k <= end; k++) {
            lines.set(k, "# (refused) " + lines.get(k));
        }
    }
}
