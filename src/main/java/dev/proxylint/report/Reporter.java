package dev.proxylint.report;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes one run's findings in one output format. Implementations are deterministic: the same input
 * gives byte-identical output. They write {@code \n} line ends on every platform and never close
 * the writer.
 */
public interface Reporter {
    void write(ReportInput input, Writer out) throws IOException;
}
