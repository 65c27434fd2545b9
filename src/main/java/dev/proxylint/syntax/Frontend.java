package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;

/** A dialect's front end: text to syntax tree, then resolution as the server does it. */
public interface Frontend {
    Dialect dialect();

    /**
     * Parses one file. Never throws on bad input: syntax errors come back as {@code SYN} problems
     * in {@link ParsedFile#problems()}, with recovery where possible.
     */
    ParsedFile parse(SourceFile file);

    /**
     * Resolves a root file: includes (and for Apache: Define/${VAR}, IfModule/IfDefine/IfVersion,
     * Macro/Use), setting {@link Directive#expansion()} and {@link Directive#via()}. Included files
     * are read and parsed through {@code loader}, so each file is parsed once per run.
     */
    Resolved resolve(ParsedFile root, ResolveOptions options, FileLoader loader);
}
