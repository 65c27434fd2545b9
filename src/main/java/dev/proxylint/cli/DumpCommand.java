package dev.proxylint.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.proxylint.engine.DialectDetector;
import dev.proxylint.engine.Frontends;
import dev.proxylint.engine.LintException;
import dev.proxylint.engine.Settings;
import dev.proxylint.nginx.NginxDump;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParseCache;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code proxylint dump PATH}: the resolved syntax tree as JSON, a user's way to see what
 * proxylint understood (includes expanded, Apache conditionals evaluated, macros applied).
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print the resolved syntax tree of a config as JSON: for each directive its name, args "
                + "(value, raw, quote), file, line, column, block, and what include/IfModule/Use expanded to; "
                + "for each include where its path was read from (as written, --path-map, beside the main config, "
                + "or not read)."})
public final class DumpCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The config file.")
    Path path;

    @Option(names = "--dialect", completionCandidates = Candidates.Dialects.class, paramLabel = "DIALECT", description = "nginx or apache (default: detected).")
    String dialect;

    @picocli.CommandLine.Mixin
    ResolveArgs resolveArgs = new ResolveArgs();

    @Option(names = "--debug", description = "Print stack traces for internal errors.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        SourceFile src;
        try {
            src = SourceFile.read(path);
        } catch (NoSuchFileException e) {
            throw new LintException(path + ": no such file");
        } catch (IOException e) {
            throw new LintException(path + ": cannot read: " + e.getMessage());
        }
        Dialect d;
        try {
            d = dialect != null ? Dialect.parse(dialect) : DialectDetector.detect(src);
        } catch (IllegalArgumentException e) {
            throw new LintException(e.getMessage());
        }
        if (d == null) {
            throw new LintException(path + ": neither nginx nor Apache configuration (use --dialect)");
        }
        Map<String, String> defs = Settings.defines(resolveArgs.defines);
        ResolveOptions ro = new ResolveOptions(resolveArgs.prefix, resolveArgs.serverRoot, defs,
                Set.copyOf(resolveArgs.modules), false, null, null).withPathMap(resolveArgs.pathMap());
        Resolved r;
        if (d == Dialect.NGINX && NginxDump.isDump(src)) {
            r = NginxDump.resolve(src, ro);
        } else {
            FileLoader loader = new ParseCache(Frontends::get);
            ParsedFile root = Frontends.get(d).parse(src);
            r = Frontends.get(d).resolve(root, ro, loader);
        }
        Writer w = spec.commandLine().getOut();
        JsonGenerator g = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("dialect", d.id());
        g.writeStringField("file", src.name());
        g.writeFieldName("items");
        writeItems(g, r.items());
        g.writeArrayFieldStart("files");
        for (SourceFile f : r.files()) {
            g.writeString(f.name());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("includes");
        for (Resolved.Include inc : r.includes()) {
            g.writeStartObject();
            writePos(g, inc.at().span());
            g.writeStringField("pattern", inc.at().argCount() > 0 ? inc.at().arg(0) : "");
            g.writeStringField("readFrom", inc.mapped().how() == ResolveOptions.How.NOT_READ ? null
                    : String.valueOf(inc.mapped().path()));
            g.writeStringField("mapping", inc.mapped().how().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            g.writeStringField("how", inc.mapped().describe());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("problems");
        List<Problem> problems = new ArrayList<>(r.root().problems());
        problems.addAll(r.problems());
        for (Problem p : problems) {
            g.writeStartObject();
            g.writeStringField("rule", p.ruleId());
            writePos(g, p.span());
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        w.write("\n");
        w.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private static void writePos(JsonGenerator g, Span s) throws IOException {
        g.writeStringField("file", s.file().name());
        g.writeNumberField("line", s.startLine());
        g.writeNumberField("column", s.startColumn());
    }

    /** Writes items with an explicit stack (deep configs must not overflow the Java stack). */
    private static void writeItems(JsonGenerator g, List<Node> items) throws IOException {
        List<List<Node>> lists = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        g.writeStartArray();
        lists.add(items);
        pos.add(0);
        while (!lists.isEmpty()) {
            int top = lists.size() - 1;
            int i = pos.get(top);
            List<Node> list = lists.get(top);
            if (i >= list.size()) {
                lists.remove(top);
                pos.remove(top);
                g.writeEndArray();
                if (!lists.isEmpty()) {
                    g.writeEndObject(); // the directive whose block (or expansion) just ended
                }
                continue;
            }
            pos.set(top, i + 1);
            Node n = list.get(i);
            if (!(n instanceof Directive d)) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("directive", d.name());
            writePos(g, d.span());
            g.writeArrayFieldStart("args");
            for (Arg a : d.args()) {
                g.writeStartObject();
                g.writeStringField("value", a.value());
                if (!a.raw().equals(a.value())) {
                    g.writeStringField("raw", a.raw());
                }
                if (a.quoted()) {
                    g.writeStringField("quote", a.quote().name().toLowerCase(java.util.Locale.ROOT));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (d.via() != null) {
                g.writeObjectFieldStart("via");
                g.writeStringField("directive", d.via().name());
                writePos(g, d.via().span());
                g.writeEndObject();
            }
            if (d.cond() != null) {
                g.writeStringField("condition", d.cond().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!d.includedFiles().isEmpty()) {
                g.writeArrayFieldStart("includes");
                for (SourceFile f : d.includedFiles()) {
                    g.writeString(f.name());
                }
                g.writeEndArray();
            }
            List<Node> next = d.expansion() != null ? d.expansion() : d.hasBlock() ? d.children() : null;
            if (next == null) {
                g.writeEndObject();
                continue;
            }
            g.writeFieldName(d.expansion() != null ? "expansion" : "block");
            g.writeStartArray();
            lists.add(next);
            pos.add(0);
        }
    }
}
