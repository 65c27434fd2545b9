package dev.proxylint.nginx;

import dev.proxylint.syntax.ParseCache;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;

/**
 * The nginx front end. Stateless, thread-safe and reusable.
 *
 * <p>{@link #parse} never throws on bad input: syntax errors are {@code SYN001} problems (placed
 * where nginx reports them; end-of-file errors carry the unclosed quote or brace as related span),
 * a file with NUL bytes is one {@code SYN002} problem. {@code *_by_lua_block}/{@code lua_block}
 * bodies are one opaque last argument (the text between the braces) and the directive gets an
 * empty block whose open/close offsets are the braces.
 *
 * <p>{@link #resolve} expands {@code include}; {@link Resolved#problems()} holds the problems of
 * every file that took part (the root's syntax problems included) plus the {@code CFG} problems.
 * For an {@code nginx -T} dump, use {@link NginxDump}.
 */
public final class NginxFrontend implements Frontend {
    @Override
    public Dialect dialect() {
        return Dialect.NGINX;
    }

    @Override
    public ParsedFile parse(SourceFile file) {
        return NginxReader.read(file);
    }

    @Override
    public Resolved resolve(ParsedFile root, ResolveOptions options, FileLoader loader) {
        return new NginxResolver(options, loader != null ? loader : new ParseCache(new NginxFrontend())).resolve(root);
    }
}
