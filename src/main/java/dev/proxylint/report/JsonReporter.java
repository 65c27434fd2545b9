package dev.proxylint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/** The versioned JSON format described in {@code docs/json-format.md} ({@code "version": 1}). */
public final class JsonReporter implements Reporter {
    /** Bumped on any incompatible change of the format. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final ReportOptions options;

    public JsonReporter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(ReportInput input, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(JsonStyle.printer());
            g.writeStartObject();
            g.writeNumberField("version", FORMAT_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", ReportOptions.TOOL_NAME);
            g.writeStringField("version", options.toolVersion());
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : input.findings()) {
                finding(g, f);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("errors", input.count(Level.ERROR));
            g.writeNumberField("warnings", input.count(Level.WARNING));
            g.writeNumberField("notes", input.count(Level.NOTE));
            g.writeNumberField("files", input.filesChecked());
            g.writeNumberField("suppressed", input.suppressed());
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", f.ruleId());
        Optional<RuleMeta> meta = options.registry() == null ? Optional.empty() : options.registry().find(f.ruleId());
        if (meta.isPresent()) {
            g.writeStringField("name", meta.get().name());
        } else {
            g.writeNullField("name");
        }
        g.writeStringField("level", f.level().id());
        g.writeStringField("message", f.message());
        range(g, f.span());
        g.writeArrayFieldStart("related");
        for (Related r : f.related()) {
            g.writeStartObject();
            g.writeStringField("message", r.message());
            range(g, r.span());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (f.fix() == null) {
            g.writeNullField("fix");
        } else {
            g.writeObjectFieldStart("fix");
            g.writeStringField("title", f.fix().title());
            g.writeArrayFieldStart("edits");
            for (TextEdit e : f.fix().edits()) {
                g.writeStartObject();
                range(g, e.span());
                g.writeStringField("text", e.replacement());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void range(JsonGenerator g, Span s) throws IOException {
        g.writeStringField("file", ReportPaths.shown(s.file()));
        g.writeNumberField("startLine", s.startLine());
        g.writeNumberField("startColumn", s.startColumn());
        g.writeNumberField("endLine", s.endLine());
        g.writeNumberField("endColumn", s.endColumn());
    }
}
