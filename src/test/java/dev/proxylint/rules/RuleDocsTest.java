package dev.proxylint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleDocsTest {
    static final List<String> EXPECTED = List.of("CFG101", "CFG102", "CFG103", "CFG104", "CFG105", "CFG106",
            "SYN001", "SYN002");

    static final String VALID = """
            ---
            id: TST101
            name: test-rule
            title: A test rule
            dialects: [nginx, apache]
            level: warning
            tags: [correctness]
            precision: high
            sources:
              - https://example.com/a
            ---
            # TST101 test-rule

            One paragraph
            over two lines.

            ## Why

            Because.

            ## Bad

            ```nginx
            a;
            ```

            ## Good

            ```nginx
            b;
            ```

            ## References

            - https://example.com/a
            """;

    @Test
    void loadsEveryDocInTheRulesDirectory() throws IOException {
        List<RuleMeta> all = RuleDocs.loadAll();
        List<String> ids = all.stream().map(RuleMeta::id).toList();
        assertTrue(ids.containsAll(EXPECTED), ids.toString());
        // every rules/*.md of the repository is found (the loader lists, nothing is hard-coded)
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            List<String> onDisk = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
            assertEquals(onDisk, ids);
        }
        for (RuleMeta m : all) {
            assertTrue(m.markdown().startsWith("# " + m.id() + " " + m.name() + "\n"), m.id());
            assertFalse(m.summary().isBlank());
            assertFalse(m.sources().isEmpty());
            assertTrue(m.text().contains("Why\n---"), m.id());
        }
    }

    @Test
    void theShippedDocsHaveTheAgreedNamesAndDialects() {
        RuleRegistry r = RuleRegistry.builtin();
        assertEquals("syntax-error", r.get("SYN001").name());
        assertEquals("binary-input", r.get("SYN002").name());
        assertEquals("include-not-found", r.get("CFG101").name());
        assertEquals("include-cycle", r.get("CFG102").name());
        assertEquals("include-limit", r.get("CFG103").name());
        assertEquals("undefined-variable", r.get("CFG104").name());
        assertEquals("macro-error", r.get("CFG105").name());
        assertEquals("include-unreadable", r.get("CFG106").name());
        assertEquals(List.of("apache"), r.get("CFG104").dialects());
        assertEquals(List.of("apache"), r.get("CFG105").dialects());
        assertEquals(List.of("nginx", "apache"), r.get("CFG101").dialects());
        for (String id : List.of("SYN001", "CFG101", "CFG102", "CFG103", "CFG106", "SYN002")) {
            // both dialects: Bad and Good show an nginx and an apache example
            String md = r.get(id).markdown();
            assertTrue(md.contains("```nginx") && md.contains("```apache"), id);
        }
    }

    @Test
    void everyBuiltinRuleSaysWhyItHasItsLevel() {
        // the project standard: each rule's doc explains its level in a paragraph that starts
        // with "Level: <the front matter's level>" (at the end of its Why section)
        for (RuleMeta m : RuleRegistry.builtin().all()) {
            String prefix = "Level: " + m.level().name().toLowerCase(Locale.ROOT);
            assertTrue(m.markdown().lines().anyMatch(l -> l.startsWith(prefix)),
                    "rules/" + m.id() + ".md has no line starting with '" + prefix + "'");
        }
    }

    @Test
    void loadsFromAJarToo(@TempDir Path tmp) throws IOException {
        Path jar = tmp.resolve("docs.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry(RuleDocs.RESOURCE_DIR));
            jos.closeEntry();
            for (String id : List.of("SYN001", "CFG104")) {
                jos.putNextEntry(new JarEntry(RuleDocs.RESOURCE_DIR + id + ".md"));
                jos.write(Files.readAllBytes(Path.of("rules", id + ".md")));
                jos.closeEntry();
            }
            jos.putNextEntry(new JarEntry(RuleDocs.RESOURCE_DIR + "README.txt"));
            jos.write("not a doc".getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<RuleMeta> all = RuleDocs.loadAll(cl);
            assertEquals(List.of("CFG104", "SYN001"), all.stream().map(RuleMeta::id).toList());
        }
    }

    @Test
    void parsesTheFrontMatterSubset() {
        RuleMeta m = RuleDocs.parse("TST101.md", VALID);
        assertEquals("TST101", m.id());
        assertEquals("TST", m.family());
        assertEquals("test-rule", m.name());
        assertEquals("A test rule", m.title());
        assertEquals("One paragraph over two lines.", m.summary());
        assertEquals(Level.WARNING, m.level());
        assertEquals(List.of("nginx", "apache"), m.dialects());
        assertEquals(List.of(), m.cwe());
        assertNull(m.securitySeverity());
        assertEquals(List.of("https://example.com/a"), m.sources());
    }

    private static void assertRejected(String content, String expectedStart) {
        RuleDocs.RuleDocException e = assertThrows(RuleDocs.RuleDocException.class,
                () -> RuleDocs.parse("TST101.md", content));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void rejectsUnknownKeyWithFileAndLine() {
        assertRejected(VALID.replace("precision: high\n", "precision: high\nseverity: 3\n"),
                "TST101.md:9: unknown front matter key 'severity'");
    }

    @Test
    void rejectsBadIdAndMismatchedFileName() {
        assertRejected(VALID.replace("id: TST101", "id: tst-101"), "TST101.md:2: bad id 'tst-101'");
        RuleDocs.RuleDocException e = assertThrows(RuleDocs.RuleDocException.class,
                () -> RuleDocs.parse("TST102.md", VALID));
        assertTrue(e.getMessage().startsWith("TST102.md:2: id 'TST101' does not match"), e.getMessage());
    }

    @Test
    void rejectsMissingSectionAndMissingExample() {
        assertRejected(VALID.replace("## Good", "## Fine"), "TST101.md:27: unexpected section '## Fine'");
        assertRejected(VALID.substring(0, VALID.indexOf("## References")), "TST101.md:");
        String noRefs = VALID.substring(0, VALID.indexOf("## References"));
        RuleDocs.RuleDocException e = assertThrows(RuleDocs.RuleDocException.class,
                () -> RuleDocs.parse("TST101.md", noRefs));
        assertTrue(e.getMessage().contains("missing section '## References'"), e.getMessage());
        assertRejected(VALID.replace("```nginx\na;\n```\n", "just words\n"),
                "TST101.md:21: section '## Bad' needs a fenced config example");
    }

    @Test
    void rejectsMissingKeysAndBadValues() {
        assertRejected(VALID.replace("title: A test rule\n", ""), "TST101.md:10: front matter lacks required key 'title'");
        assertRejected(VALID.replace("level: warning", "level: fatal"), "TST101.md:6: level must be");
        assertRejected(VALID.replace("name: test-rule", "name: TestRule"), "TST101.md:3: name 'TestRule' is not kebab-case");
        assertRejected(VALID.replace("[nginx, apache]", "[nginx, iis]"), "TST101.md:5: unknown dialect 'iis'");
        assertRejected(VALID.replace("[correctness]", "[security]"),
                "TST101.md:7: rules tagged 'security' need 'security-severity'");
        assertRejected(VALID.replace("precision: high", "precision: high\nsecurity-severity: \"5.0\""),
                "TST101.md:9: 'security-severity' is only for rules tagged 'security'");
        assertRejected(VALID.replace("- https://example.com/a\n---", "- ftp://example.com/a\n---"),
                "TST101.md:9: source 'ftp://example.com/a' is not an http(s) URL");
        assertRejected(VALID.replace("---\n# TST101", "# TST101"), "TST101.md:");
        assertRejected(VALID.replace("# TST101 test-rule", "# TST101 other"),
                "TST101.md:12: expected heading '# TST101 test-rule'");
        assertRejected("id: X\n", "TST101.md:1: expected front matter starting with '---'");
    }

    @Test
    void securityRulesCarrySeverityAndCwe() {
        String sec = VALID.replace("[correctness]", "[security]")
                .replace("precision: high", "precision: high\nsecurity-severity: \"7.5\"\ncwe: [CWE-319]");
        RuleMeta m = RuleDocs.parse("TST101.md", sec);
        assertEquals("7.5", m.securitySeverity());
        assertEquals(List.of("CWE-319"), m.cwe());
        assertRejected(sec.replace("\"7.5\"", "high"), "TST101.md:9: security-severity must be a number");
        assertRejected(sec.replace("CWE-319", "319"), "TST101.md:10: bad CWE '319'");
    }
}
