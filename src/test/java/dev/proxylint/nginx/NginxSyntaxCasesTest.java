package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * testdata/nginx/syntax: a line {@code # expect: SYNnnn} stands directly above the line where the
 * problem must start; a case without one must parse cleanly. (For end-of-file errors, which nginx
 * and proxylint place at the end of the file, the expect line is the file's last line.)
 */
class NginxSyntaxCasesTest {
    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        Path root = Path.of("testdata/nginx/syntax");
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "syntax cases found: " + files.size());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path p) throws IOException {
        SourceFile f = SourceFile.read(p);
        TreeSet<String> expected = new TreeSet<>();
        for (int line = 1; line <= f.lineCount(); line++) {
            String t = f.lineText(line).trim();
            if (t.startsWith("# expect:")) {
                for (String id : t.substring("# expect:".length()).trim().split("[ ,]+")) {
                    expected.add((line + 1) + " " + id);
                }
            }
        }
        ParsedFile pf = new NginxFrontend().parse(f);
        TreeSet<String> actual = new TreeSet<>();
        for (Problem pr : pf.problems()) {
            actual.add(pr.span().startLine() + " " + pr.ruleId());
        }
        assertEquals(expected, actual, () -> p + ": " + pf.problems());
    }
}
