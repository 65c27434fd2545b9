package dev.proxylint.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code testdata/apache/syntax/*.conf}: a {@code # expect: ID} comment line stands directly
 * above the line that must be reported; a case without one must parse with no SYN problem.
 */
class ApacheSyntaxCasesTest {
    static Stream<Path> cases() throws IOException {
        Path dir = Path.of("testdata/apache/syntax");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
            assertTrue(l.size() >= 5, "cases found in " + dir.toAbsolutePath());
            return l.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expectationsMatch(Path p) throws IOException {
        SourceFile f = SourceFile.read(p);
        List<String> expected = new ArrayList<>();
        for (int line = 1; line <= f.lineCount(); line++) {
            String t = f.lineText(line).trim();
            if (t.startsWith("# expect:")) {
                for (String id : t.substring("# expect:".length()).split(",")) {
                    expected.add(id.trim() + "@" + (line + 1));
                }
            }
        }
        ParsedFile pf = new ApacheFrontend().parse(f);
        List<String> actual = new ArrayList<>();
        for (Problem pr : pf.problems()) {
            if (pr.ruleId().startsWith("SYN")) {
                actual.add(pr.ruleId() + "@" + pr.span().startLine());
            }
        }
        assertEquals(expected, actual, pf.problems().toString());
    }
}
