package dev.proxylint.apache;

import dev.proxylint.syntax.ParseCache;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class ApacheTestSupport {
    static final ApacheFrontend FE = new ApacheFrontend();

    private ApacheTestSupport() {
    }

    static ParsedFile parse(String text) {
        return FE.parse(SourceFile.of("test.conf", text));
    }

    static Directive dir(ParsedFile pf, int i) {
        int k = 0;
        for (Node n : pf.items()) {
            if (n instanceof Directive d) {
                if (k++ == i) {
                    return d;
                }
            }
        }
        throw new AssertionError("no directive " + i + " in " + pf.items());
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static Resolved resolve(Path rootFile, ResolveOptions opts) throws IOException {
        ParseCache loader = new ParseCache(new ApacheFrontend());
        ParsedFile root = loader.load(rootFile, dev.proxylint.syntax.Dialect.APACHE);
        return FE.resolve(root, opts, loader);
    }

    static Resolved resolve(Path rootFile) throws IOException {
        return resolve(rootFile, ResolveOptions.defaults());
    }

    static ResolveOptions opts(Map<String, String> defines, Set<String> modules, boolean known, String version) {
        return new ResolveOptions(null, null, defines, modules, known, version, null);
    }

    /** "Name v1 v2" for every effective directive at any depth. */
    static List<String> effective(Resolved r) {
        List<String> out = new ArrayList<>();
        Tree.walk(r.items(), d -> out.add(d.name() + (d.argCount() > 0 ? " " + String.join(" ", d.values()) : "")));
        return out;
    }

    static List<String> ids(List<Problem> ps) {
        List<String> out = new ArrayList<>();
        for (Problem p : ps) {
            out.add(p.ruleId());
        }
        return out;
    }

    static String pos(Problem p) {
        return p.span().startLine() + ":" + p.span().startColumn();
    }
}
