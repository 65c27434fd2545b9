package dev.proxylint.syntax;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and parses a file once per run; later calls for the same path return the same tree. */
public interface FileLoader {
    ParsedFile load(Path path, Dialect dialect) throws IOException;
}
