package dev.proxylint.syntax;

import dev.proxylint.source.Span;

/** An item of a configuration file: a directive (maybe with a block) or a comment. */
public sealed interface Node permits Directive, Comment {
    Span span();
}
