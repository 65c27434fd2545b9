package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.proxylint.source.SourceFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GithubAndPathsTest {
    @Test
    void escapesDataAndProperties() {
        assertEquals("100%25 a%0D%0Ab: c, d", GithubReporter.escapeData("100% a\r\nb: c, d"));
        assertEquals("a%3A b%2C c%25%0A", GithubReporter.escapeProperty("a: b, c%\n"));
        // escaping % first: an input that already looks escaped is escaped again
        assertEquals("%250A", GithubReporter.escapeData("%0A"));
    }

    @Test
    void pathsAreRelativeToTheRootWithSlashes() {
        Path root = Path.of("/src/repo");
        assertEquals("conf/a.conf", ReportPaths.relative(SourceFile.of(Path.of("/src/repo/conf/a.conf"), ""), root));
        assertEquals("conf/a.conf", ReportPaths.relative(SourceFile.of(Path.of("/src/repo/x/../conf/a.conf"), ""), root));
        assertNull(ReportPaths.relative(SourceFile.of(Path.of("/src/repository/a.conf"), ""), root));
        assertNull(ReportPaths.relative(SourceFile.of("<stdin>", ""), root));
        assertEquals("<stdin>", ReportPaths.display(SourceFile.of("<stdin>", ""), root));
    }

    @Test
    void percentEncodesUriPaths() {
        assertEquals("a/b%20c/%23d%3F%25e%3A.conf", ReportPaths.encodePath("a/b c/#d?%e:.conf"));
        assertEquals("caf%C3%A9/%E6%97%A5.conf", ReportPaths.encodePath("café/日.conf"));
        assertEquals("A-z_0.9~", ReportPaths.encodePath("A-z_0.9~"));
        assertEquals("file:///src/my%20repo/", ReportPaths.fileUri(Path.of("/src/my repo"), true));
    }
}
