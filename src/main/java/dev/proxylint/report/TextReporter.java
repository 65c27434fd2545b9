package dev.proxylint.report;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Human-readable output, grouped by file:
 *
 * <pre>
 * conf/site.conf
 * conf/site.conf:3:5  error  WS101  message
 *   3 |     proxy_pass http://b;
 *     |     ^^^^^^^^^^
 *   = note: the outer header at conf/site.conf:1:1
 *   1 | add_header X 1;
 *     | ^^^^^^^^^^
 *   fix: add the headers
 *   - old line
 *   + new line
 *   = help: https://.../WS101.md
 *
 * 1 error, 0 warnings, 0 notes in 1 file
 * </pre>
 *
 * Tabs are expanded and wide characters counted as two cells, so the carets stand under the span.
 */
public final class TextReporter implements Reporter {
    private final ReportOptions options;
    private final Ansi ansi;

    public TextReporter(ReportOptions options) {
        this.options = options;
        this.ansi = new Ansi(options.color());
    }

    @Override
    public void write(ReportInput input, Writer out) throws IOException {
        // streamed a block at a time: a fleet's report is far larger than the config it is about
        StringBuilder sb = new StringBuilder(BLOCK + 4096);
        String currentFile = null;
        for (Finding f : input.findings()) {
            String name = ReportPaths.shown(f.span().file());
            if (!name.equals(currentFile)) {
                if (currentFile != null) {
                    sb.append('\n');
                }
                sb.append(ansi.bold(safe(name))).append('\n');
                currentFile = name;
            } else {
                sb.append('\n');
            }
            finding(sb, f);
            if (sb.length() >= BLOCK) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        if (!input.findings().isEmpty()) {
            sb.append('\n');
        }
        sb.append(ansi.bold(input.summaryLine())).append('\n');
        out.append(sb);
        out.flush();
    }

    private static final int BLOCK = 1 << 15;

    private void finding(StringBuilder sb, Finding f) {
        sb.append(safe(ReportPaths.location(f.span()))).append("  ").append(ansi.level(f.level(), f.level().id()))
                .append("  ").append(ansi.bold(f.ruleId())).append("  ")
                .append(message(Headline.first(f.message()))).append('\n');
        snippet(sb, f.span(), ansi, f);
        String why = Headline.rest(f.message());
        if (!why.isEmpty()) {
            sb.append("  = why: ").append(message(why)).append('\n');
        }
        for (Related r : f.related()) {
            sb.append("  = note: ").append(safe(r.message())).append(" at ").append(safe(ReportPaths.location(r.span())))
                    .append('\n');
            snippet(sb, r.span(), ansi, null);
        }
        if (f.fix() != null) {
            fix(sb, f.fix(), f.span().file());
        }
        Optional<RuleMeta> meta = options.registry() == null ? Optional.empty() : options.registry().find(f.ruleId());
        meta.ifPresent(m -> sb.append("  = help: ").append(m.helpUri()).append('\n'));
    }

    private void snippet(StringBuilder sb, Span span, Ansi a, Finding primary) {
        SourceFile file = span.file();
        int line = span.startLine();
        if (line > file.lineCount()) {
            return;
        }
        if (outside(file)) {
            sb.append("  | (line not shown: the file is outside the paths checked)\n");
            return;
        }
        String text = file.lineText(line);
        DisplayWidth.Rendered r = DisplayWidth.render(text);
        int lineStart = file.lineStart(line);
        int from = Math.min(span.start() - lineStart, text.length());
        boolean multi = lastLine(file, span.start(), span.end()) > line;
        int to = multi ? text.length() : Math.min(span.end() - lineStart, text.length());
        int c0 = r.cell(from);
        int c1 = r.cell(Math.max(from, to));
        int width = Math.max(1, c1 - c0);
        String num = Integer.toString(line);
        String pad = " ".repeat(num.length());
        sb.append("  ").append(a.blue(num + " |"));
        if (!r.text().isEmpty()) {
            sb.append(' ').append(r.text());
        }
        sb.append('\n');
        String marks = "^".repeat(width) + (multi ? " ..." : "");
        String colored = primary != null ? a.level(primary.level(), marks) : a.blue(marks);
        sb.append("  ").append(a.blue(pad + " |")).append(' ');
        for (int k = 0; k < c0; k++) {
            sb.append(' ');
        }
        sb.append(colored).append('\n');
    }

    /**
     * A file outside the paths the user named, reached through an absolute include: its lines
     * may hold anything (a credentials line of a docker config.json), so the report says where, never what.
     */
    private boolean outside(SourceFile file) {
        return file.path() != null && !options.shown().test(file.path());
    }

    private void fix(StringBuilder sb, Fix fix, SourceFile findingFile) {
        sb.append("  fix: ").append(safe(fix.title())).append('\n');
        Map<SourceFile, List<TextEdit>> byFile = new LinkedHashMap<>();
        for (TextEdit e : fix.edits()) {
            byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<SourceFile, List<TextEdit>> en : byFile.entrySet()) {
            SourceFile file = en.getKey();
            if (file != findingFile) {
                sb.append("  in ").append(safe(ReportPaths.shown(file))).append(":\n");
            }
            if (outside(file)) {
                sb.append("  (edit not shown: the file is outside the paths checked)\n");
                continue;
            }
            List<TextEdit> edits = new ArrayList<>(en.getValue());
            edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
            int i = 0;
            while (i < edits.size()) {
                int l1 = file.line(edits.get(i).start());
                int l2 = lastLine(file, edits.get(i).start(), edits.get(i).end());
                int j = i + 1;
                while (j < edits.size() && file.line(edits.get(j).start()) <= l2 + 1) {
                    l2 = Math.max(l2, lastLine(file, edits.get(j).start(), edits.get(j).end()));
                    j++;
                }
                hunk(sb, file, edits.subList(i, j), l1, Math.min(l2, file.lineCount()));
                i = j;
            }
        }
    }

    private void hunk(StringBuilder sb, SourceFile file, List<TextEdit> edits, int l1, int l2) {
        int from = file.lineStart(l1);
        int to = file.lineEnd(l2);
        for (TextEdit e : edits) {
            to = Math.max(to, e.end());
        }
        String old = file.text().substring(from, to);
        StringBuilder neu = new StringBuilder();
        int pos = from;
        for (TextEdit e : edits) {
            if (e.start() < pos) {
                continue; // overlapping edits: the fixer rejects them; show the first
            }
            neu.append(file.text(), pos, e.start()).append(e.replacement());
            pos = e.end();
        }
        neu.append(file.text(), pos, to);
        for (String l : lines(old)) {
            sb.append("  ").append(ansi.red("- " + DisplayWidth.render(l).text())).append('\n');
        }
        for (String l : lines(neu.toString())) {
            sb.append("  ").append(ansi.green("+ " + DisplayWidth.render(l).text())).append('\n');
        }
    }

    /** The last line a range touches: a range ending just after a line break ends on the line before. */
    private static int lastLine(SourceFile file, int start, int end) {
        int l = file.line(end);
        return end > start && l > file.line(start) && file.lineStart(l) == end ? l - 1 : l;
    }

    private static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        List<String> out = new ArrayList<>();
        for (String l : t.split("\n", -1)) {
            out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        return out;
    }

    /** A message's further lines are indented under the first; each line made safe. */
    private static String message(String m) {
        if (m.indexOf('\n') < 0) {
            return safe(m);
        }
        String[] parts = m.replace("\r\n", "\n").split("\n", -1);
        StringBuilder sb = new StringBuilder(safe(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            sb.append("\n    ").append(safe(parts[i]));
        }
        return sb.toString();
    }

    /** Messages and names may come from config text: no control characters reach the terminal. */
    static String safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                StringBuilder sb = new StringBuilder(s.length());
                for (int k = 0; k < s.length(); k++) {
                    char d = s.charAt(k);
                    sb.append(d < 0x20 || d == 0x7f ? '?' : d);
                }
                return sb.toString();
            }
        }
        return s;
    }
}
