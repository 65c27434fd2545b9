package dev.proxylint.syntax;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and parses a file once per run; later calls for the same path return the same tree. */
public interface FileLoader {
    ParsedFile load(Path path, Dialect dialect) throws IOException;

    /**
     * A hint that {@link #load} will be asked for these files next, in this order (the matches of an
     * include pattern): a loader may read and parse them ahead, in parallel. What {@code load} then
     * returns or throws for each is the same as without the hint. The default does nothing.
     */
    default void prefetch(java.util.List<Path> paths, Dialect dialect) {
    }

    /**
     * Whether the caller may take {@code file}'s own tree for its resolved config, marking it (an
     * include's {@code via}, nested expansions) instead of working on a copy: true for the first
     * caller per file and run, false for every later one, which must copy. A file included once, the
     * common case, is then never copied. The default never hands a tree out.
     */
    default boolean claim(ParsedFile file) {
        return false;
    }
}
