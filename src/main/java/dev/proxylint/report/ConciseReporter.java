package dev.proxylint.report;

import dev.proxylint.rules.Finding;
import java.io.IOException;
import java.io.Writer;

/** One line per finding: {@code path:line:col: level: message [ID]}; nothing else. */
public final class ConciseReporter implements Reporter {
    @Override
    public void write(ReportInput input, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Finding f : input.findings()) {
            sb.append(TextReporter.safe(ReportPaths.location(f.span()))).append(": ").append(f.level().id()).append(": ")
                    .append(TextReporter.safe(Headline.first(f.message()).replace("\r\n", " ").replace('\n', ' '))).append(" [").append(f.ruleId()).append("]\n");
            if (sb.length() >= 1 << 16) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        out.append(sb);
        out.flush();
    }
}
