package dev.proxylint.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files and directories named on the command line, each in its absolute and its real form:
 * {@code --fix} edits nothing outside them and the reports show no lines of files outside them.
 */
public final class PathScope {
    private final List<Path> roots;
    /** Answers so far: reports ask once per snippet, and each real path costs a system call. */
    private final java.util.Map<Path, Boolean> answers = new java.util.concurrent.ConcurrentHashMap<>();

    private PathScope(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The scope of the paths given ({@code -}, standard input, names no path). */
    public static PathScope of(List<String> paths) {
        List<Path> out = new ArrayList<>();
        for (String p : paths) {
            if (p.equals("-")) {
                continue;
            }
            out.add(Path.of(p).toAbsolutePath().normalize());
            try {
                out.add(Path.of(p).toRealPath());
            } catch (IOException e) {
                // not there (any more): the absolute form alone
            }
        }
        return new PathScope(out);
    }

    /** True when no path was named (standard input only). */
    public boolean isEmpty() {
        return roots.isEmpty();
    }

    /** Whether a file lies in or below a named path, as reached or as its real target. */
    public boolean contains(Path file) {
        return answers.computeIfAbsent(file, this::lookUp);
    }

    private boolean lookUp(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = abs;
        }
        for (Path s : roots) {
            // the path as reached (a sites-enabled link below the named directory) or its target
            if (abs.startsWith(s) || real.startsWith(s) || abs.equals(s)) {
                return true;
            }
        }
        return false;
    }
}
