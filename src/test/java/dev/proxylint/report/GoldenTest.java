package dev.proxylint.report;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every format on the same hand-built findings; any change of output fails here. */
class GoldenTest {
    @Test
    void text() throws IOException {
        Golden.check("text.txt", Golden.render(new TextReporter(Fixtures.options(false)), Fixtures.input()));
    }

    @Test
    void textWithColour() throws IOException {
        Golden.check("text-color.txt", Golden.render(new TextReporter(Fixtures.options(true)), Fixtures.input()));
    }

    @Test
    void textWithoutFindings() throws IOException {
        Golden.check("text-empty.txt",
                Golden.render(new TextReporter(Fixtures.options(false)), new ReportInput(List.of(), 1, 0)));
    }

    @Test
    void concise() throws IOException {
        Golden.check("concise.txt", Golden.render(new ConciseReporter(), Fixtures.input()));
    }

    @Test
    void json() throws IOException {
        Golden.check("report.json", Golden.render(new JsonReporter(Fixtures.options(false)), Fixtures.input()));
    }

    @Test
    void github() throws IOException {
        Golden.check("github.txt", Golden.render(new GithubReporter(Fixtures.options(false)), Fixtures.input()));
    }

    @Test
    void sarif() throws IOException {
        Golden.check("report.sarif", Golden.render(new SarifReporter(Fixtures.options(false)), Fixtures.input()));
    }

    @Test
    void factoryGivesTheSameReporters() throws IOException {
        Golden.check("concise.txt", Golden.render(Reporters.create("concise", Fixtures.options(false)), Fixtures.input()));
        Golden.check("report.sarif", Golden.render(Reporters.create("SARIF", Fixtures.options(false)), Fixtures.input()));
    }
}
