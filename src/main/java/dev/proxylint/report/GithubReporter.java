package dev.proxylint.report;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.RuleMeta;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands, one per finding:
 * {@code ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=ID name::message}; warnings
 * use {@code ::warning}, notes {@code ::notice}. File paths are relative to the source root (the
 * repository checkout). Escaping follows GitHub's toolkit: in data {@code %}, CR and LF become
 * {@code %25}, {@code %0D}, {@code %0A}; in property values also {@code :} and {@code ,} become
 * {@code %3A} and {@code %2C}.
 */
public final class GithubReporter implements Reporter {
    private final ReportOptions options;

    public GithubReporter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(ReportInput input, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Finding f : input.findings()) {
            String cmd = switch (f.level()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case NOTE -> "notice";
            };
            String title = f.ruleId();
            if (options.registry() != null) {
                title = options.registry().find(f.ruleId()).map(RuleMeta::name).map(n -> f.ruleId() + " " + n)
                        .orElse(title);
            }
            sb.append("::").append(cmd)
                    .append(" file=").append(escapeProperty(ReportPaths.display(f.span().file(), options.sourceRoot())))
                    .append(",line=").append(f.span().startLine())
                    .append(",col=").append(f.span().startColumn())
                    .append(",endLine=").append(f.span().endLine())
                    .append(",endColumn=").append(f.span().endColumn())
                    .append(",title=").append(escapeProperty(title))
                    .append("::").append(escapeData(Headline.first(f.message()) + " [" + f.ruleId() + "]"))
                    .append('\n');
        }
        out.write(sb.toString());
        out.flush();
    }

    /** Escapes workflow command data (the message). */
    public static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command property value. */
    public static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
