package dev.proxylint.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns command-line paths into inputs: files as given, directories walked recursively (symbolic
 * links are not followed, so link loops cannot trap the walk) keeping the files that look like
 * server configs: {@code nginx.conf}, {@code *.conf}, {@code sites-*}/…, {@code conf.d}/…,
 * {@code .htaccess}, {@code httpd.conf}, {@code apache2.conf}.
 */
public final class Discovery {
    private final List<PathMatcher> excludes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** What the walks could not read (unreadable directories and entries), one line each. */
    public List<String> warnings() {
        return warnings;
    }

    public Discovery(List<String> excludeGlobs) {
        for (String g : excludeGlobs) {
            excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
    }

    /** Whether a file found in a directory walk is a config candidate. */
    public static boolean candidate(Path file) {
        String name = String.valueOf(file.getFileName());
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".conf") || lower.equals(".htaccess") || lower.equals("nginx.conf")
                || lower.equals("httpd.conf") || lower.equals("apache2.conf")) {
            return true;
        }
        if (lower.endsWith("~") || lower.endsWith(".bak") || lower.endsWith(".swp") || lower.endsWith(".dpkg-dist")
                || lower.endsWith(".dpkg-old") || lower.endsWith(".orig") || lower.endsWith(".rej")) {
            return false;
        }
        Path parent = file.getParent();
        if (parent == null) {
            return false;
        }
        String dir = String.valueOf(parent.getFileName()).toLowerCase(Locale.ROOT);
        return dir.startsWith("sites-") || dir.equals("conf.d");
    }

    private boolean excluded(Path p) {
        Path rel = p.isAbsolute() ? p : p.normalize();
        for (PathMatcher m : excludes) {
            if (m.matches(rel) || m.matches(p.toAbsolutePath().normalize())) {
                return true;
            }
        }
        return false;
    }

    public List<Input> discover(List<Path> paths) {
        List<Input> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try {
                    Files.walkFileTree(p, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            String n = String.valueOf(dir.getFileName());
                            if (!dir.equals(p) && (n.equals(".git") || n.equals("node_modules") || n.equals("target")
                                    || n.equals(".svn") || n.equals(".hg")) || excluded(dir)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            // links to files count (sites-enabled is made of them); links to directories are
                            // not followed
                            boolean regular = attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file));
                            if (regular && candidate(file) && !excluded(file)) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) {
                            // skipped, but never silently: the user must know the walk has a hole
                            warnings.add(file + ": cannot read, not checked (" + Linter.describe(exc) + ")");
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                            if (exc != null) {
                                warnings.add(dir + ": cannot read the whole directory, not checked ("
                                        + Linter.describe(exc) + ")");
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
                } catch (IOException e) {
                    throw new LintException(p + ": cannot read directory: " + Linter.describe(e));
                }
                found.sort(null);
                for (Path f : found) {
                    out.add(new Input(f, null, false));
                }
            } else if (Files.exists(p)) {
                if (!excluded(p)) {
                    out.add(new Input(p, null, true));
                }
            } else {
                throw new LintException(p + ": no such file or directory");
            }
        }
        return out;
    }
}
