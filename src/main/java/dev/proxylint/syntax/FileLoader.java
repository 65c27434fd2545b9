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
}
