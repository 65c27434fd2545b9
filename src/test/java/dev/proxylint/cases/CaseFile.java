package dev.proxylint.cases;

import dev.proxylint.engine.Frontends;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.LintResult;
import dev.proxylint.engine.Linter;
import dev.proxylint.engine.Selection;
import dev.proxylint.fix.Fixer;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.rules.Rules;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.tls.OpensslVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One test case of {@code testdata/<dialect>/<family>/<case>.conf}. A comment line
 * {@code # expect: WS101[, WS102]} stands directly above (other comment lines may stand between)
 * the directive or block opener that must be flagged; a case with no expect line must produce no
 * finding of its family. Header lines {@code # options: nginx-version=1.22.1 websocket=always}
 * set what the command-line options would (nginx-version, apache-version, openssl-version,
 * tls-profile, websocket; any other key is an error).
 */
public record CaseFile(Path path, Dialect dialect, String family, Set<String> expected, Map<String, String> options) {
    static final RuleRegistry REGISTRY = RuleRegistry.builtin();
    static final List<String> OPTIONS = List.of("nginx-version", "apache-version", "openssl-version", "tls-profile",
            "websocket");

    /** {@code WS101@12}: rule id at line. */
    static String key(String id, int line) {
        return id + "@" + line;
    }

    public static CaseFile read(Path path) throws IOException {
        Path fam = path.getParent();
        Dialect dialect = Dialect.parse(fam.getParent().getFileName().toString());
        String dirName = fam.getFileName().toString();
        String family = dirName.equals("syntax") ? "SYN" : dirName.toUpperCase(Locale.ROOT);
        List<String> lines = Files.readAllLines(path);
        Set<String> expected = new TreeSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.startsWith("# expect:")) {
                int target = i + 1;
                while (target < lines.size() && (lines.get(target).trim().startsWith("#") || lines.get(target).isBlank())) {
                    target++;
                }
                for (String id : t.substring("# expect:".length()).split("[,\\s]+")) {
                    if (!id.isBlank()) {
                        expected.add(key(id.trim(), target + 1));
                    }
                }
            } else if (t.startsWith("# options:")) {
                for (String kv : t.substring("# options:".length()).trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        String k = kv.substring(0, eq);
                        if (!OPTIONS.contains(k)) {
                            throw new IllegalArgumentException(path + ":" + (i + 1) + ": unknown case option '" + k
                                    + "' (known: " + String.join(", ", OPTIONS) + ")");
                        }
                        options.put(k, kv.substring(eq + 1));
                    }
                }
            }
        }
        return new CaseFile(path, dialect, family, expected, options);
    }

    /** Rule ids in this case's family (WS cases check WS findings, and so on; SEC and CFG count too). */
    boolean inFamily(String ruleId) {
        return ruleId.startsWith(family) || (family.equals("WS") && ruleId.startsWith("SEC"));
    }

    public LintOptions lintOptions() {
        String openssl = options.get("openssl-version");
        RuleSettings s = new RuleSettings(options.get("nginx-version"), options.get("apache-version"),
                options.getOrDefault("tls-profile", "mozilla-intermediate"), options.getOrDefault("websocket", "auto"),
                RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of(), openssl == null ? null
                        : OpensslVersion.parse(openssl).orElseThrow(
                                () -> new IllegalArgumentException(path + ": bad openssl-version " + openssl)));
        ResolveOptions ro = new ResolveOptions(null, null, Map.of(), Set.of(), false, options.get("apache-version"),
                options.get("nginx-version"));
        return new LintOptions(dialect, ro, s, Selection.all(), Level.NOTE, List.of(), 1);
    }

    public static Linter linter() {
        return new Linter(Rules.all(), id -> REGISTRY.find(id).map(RuleMeta::level).orElse(Level.WARNING),
                id -> REGISTRY.contains(id) || REGISTRY.families().contains(id));
    }

    /** Every finding (notes included) of a full check of one file in a dialect, with default settings. */
    public static List<Finding> findings(Path file, Dialect dialect) {
        return linter().run(List.of(new Input(file, null, true)), new LintOptions(dialect, ResolveOptions.defaults(),
                RuleSettings.defaults(), Selection.all(), Level.NOTE, List.of(), 1), null).findings();
    }

    public LintResult lint() {
        return linter().run(List.of(new Input(path, null, true)), lintOptions(), null);
    }

    /** The findings of this case's family as {@code ID@line} keys. */
    public static Set<String> actual(LintResult r, CaseFile c) {
        Set<String> out = new TreeSet<>();
        r.findings().forEach(f -> {
            if (c.inFamily(f.ruleId()) && f.span().file().path() != null
                    && f.span().file().path().toAbsolutePath().normalize().equals(c.path.toAbsolutePath().normalize())) {
                out.add(key(f.ruleId(), f.span().startLine()));
            }
        });
        return out;
    }

    /** All case files under testdata (not the reality notes, not *.fixed.conf, not included helper files). */
    public static List<Path> all(Path testdata) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String d : List.of("nginx", "apache")) {
            Path dir = testdata.resolve(d);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var s = Files.list(dir)) {
                for (Path fam : s.filter(Files::isDirectory).sorted().toList()) {
                    try (var c = Files.list(fam)) {
                        c.filter(p -> p.toString().endsWith(".conf") && !p.toString().endsWith(".fixed.conf"))
                                .sorted().forEach(out::add);
                    }
                }
            }
        }
        return out;
    }

    /** The text {@code --fix} makes of this case from the findings of its family in {@code r}. */
    public String fixText(LintResult r) {
        List<Finding> mine = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (inFamily(f.ruleId()) && f.span().file().path() != null
                    && f.span().file().path().getFileName().equals(path.getFileName())) {
                mine.add(f);
            }
        }
        List<Fixer.FileFix> plan = Fixer.plan(mine,
                f -> (int) Frontends.get(dialect).parse(f).problems().stream().filter(x -> x.ruleId().startsWith("SYN")).count(),
                f -> f);
        for (Fixer.FileFix ff : plan) {
            if (ff.file().path() != null && ff.file().path().getFileName().equals(path.getFileName())) {
                return ff.newText();
            }
        }
        try {
            return Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
