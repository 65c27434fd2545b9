package dev.proxylint.engine;

import java.nio.file.Path;

/**
 * One thing to lint: a file on disk, or standard input under a file name.
 *
 * @param path     the file (for stdin: the name given with --stdin-filename, may not exist)
 * @param stdin    the bytes read from standard input, or null for a file on disk
 * @param explicit named on the command line (as opposed to found in a directory)
 */
public record Input(Path path, byte[] stdin, boolean explicit) {
}
