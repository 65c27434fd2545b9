package dev.proxylint.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.engine.LintResult;
import dev.proxylint.rules.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in {@code testdata/}: the findings of the case's family are exactly the expected ones
 * (rule and line), and where a {@code <case>.fixed.conf} exists, {@code --fix} produces it, the
 * result parses, and fixing again changes nothing.
 */
class TestdataCasesTest {
    static final Path TESTDATA = Path.of("testdata");

    @TestFactory
    Stream<DynamicTest> cases() throws Exception {
        List<Path> all = CaseFile.all(TESTDATA);
        assertFalse(all.isEmpty(), "no cases under testdata/");
        return all.stream().map(p -> DynamicTest.dynamicTest(TESTDATA.relativize(p).toString(), () -> check(p)));
    }

    static void check(Path p) throws Exception {
        CaseFile c = CaseFile.read(p);
        LintResult r = c.lint();
        assertEquals(c.expected(), CaseFile.actual(r, c), () -> "findings of " + p + ":\n" + describe(r));
        Path fixed = p.resolveSibling(p.getFileName().toString().replace(".conf", ".fixed.conf"));
        if (Files.exists(fixed)) {
            String once = fixText(c, r);
            if (Boolean.getBoolean("proxylint.updateGolden") && !Files.readString(fixed).equals(once)) {
                Files.writeString(fixed, once); // regenerate with -Dproxylint.updateGolden=true, then review the diff
            }
            assertEquals(Files.readString(fixed), once, "--fix result of " + p);
            // the fixed text lints clean for the fixed rules, and fixing it again changes nothing
            Path tmp = Files.createTempDirectory("case");
            try {
                Path copy = tmp.resolve(p.getFileName());
                copyIncludeHelpers(p.getParent(), tmp);
                Files.writeString(copy, once);
                CaseFile c2 = new CaseFile(copy, c.dialect(), c.family(), c.expected(), c.options());
                LintResult r2 = c2.lint();
                for (Finding f : r2.findings()) {
                    assertTrue(f.ruleId().startsWith("SYN") == false, "fixed text does not parse: " + f.message());
                }
                assertEquals(once, fixText(c2, r2), "--fix is not idempotent on " + p);
            } finally {
                deleteTree(tmp); // each case cleans up after itself
            }
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Helper files a case includes (`inc/` next to it), so that the copy resolves like the original. */
    static void copyIncludeHelpers(Path caseDir, Path to) throws java.io.IOException {
        Path inc = caseDir.resolve("inc");
        if (!Files.isDirectory(inc)) {
            return;
        }
        try (Stream<Path> files = Files.walk(inc)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path dst = to.resolve(caseDir.relativize(f).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(f, dst);
            }
        }
    }

    static String fixText(CaseFile c, LintResult r) {
        return c.fixText(r);
    }

    static String describe(LintResult r) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.findings()) {
            sb.append("  ").append(f.ruleId()).append('@').append(f.span().startLine()).append(' ')
                    .append(f.span().file().name()).append(": ").append(f.message()).append('\n');
        }
        return sb.toString();
    }

}
