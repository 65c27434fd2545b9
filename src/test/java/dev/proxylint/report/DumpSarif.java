package dev.proxylint.report;

import java.io.FileWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes the fixture SARIF to a file, for .ci/sarif-validate.sh by hand: not a test. */
public final class DumpSarif {
    public static void main(String[] args) throws Exception {
        try (Writer w = new FileWriter(args[0], StandardCharsets.UTF_8)) {
            new SarifReporter(Fixtures.options(false)).write(Fixtures.input(), w);
        }
    }
}
