package dev.proxylint.apache;

import dev.proxylint.syntax.ParseCache;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.ResolveOptions;

/**
 * The Apache httpd front end. {@link #parse} reads one file into the shared lossless tree (raw
 * arguments, no substitution); {@link #resolve} walks a root file in httpd's read order and returns
 * copies with Define/${VAR}, Include, If* and Macro/Use applied. Stateless: thread-safe and reusable.
 *
 * <p>{@link Resolved#problems()} holds the resolution problems (CFG1xx, SYN001 inside macro
 * expansions) plus the parse problems of every included file; the root file's own parse problems
 * stay in {@code root.problems()} only.
 */
public final class ApacheFrontend implements Frontend {
    public ApacheFrontend() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.APACHE;
    }

    @Override
    public ParsedFile parse(SourceFile file) {
        return ApacheParser.parse(file);
    }

    @Override
    public Resolved resolve(ParsedFile root, ResolveOptions options, FileLoader loader) {
        return new ApacheResolver(root, options, loader != null ? loader : new ParseCache(this)).run();
    }
}
