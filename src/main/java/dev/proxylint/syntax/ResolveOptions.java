package dev.proxylint.syntax;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What resolution needs to know beyond the files.
 *
 * @param prefix     nginx: directory relative includes are resolved against (default: the main
 *                   config's directory)
 * @param serverRoot Apache: ServerRoot for relative paths when the config sets none (default: the
 *                   root file's directory)
 * @param defines    Apache: names given as defined ({@code -D} / {@code --define}), with values
 * @param modules    Apache: modules known to be loaded ({@code --module}), e.g. {@code proxy_module}
 *                   or {@code mod_proxy.c}
 * @param modulesKnown Apache: true when the module set is complete (LoadModule lines plus these)
 * @param apacheVersion target Apache version, e.g. {@code 2.4.57}, or null when unknown
 * @param nginxVersion target nginx version, or null when unknown
 * @param pathMap    absolute path prefixes read elsewhere ({@code --path-map FROM=TO}, {@code path-map:}),
 *                   in order; see {@link #map}
 */
public record ResolveOptions(Path prefix, Path serverRoot, Map<String, String> defines, Set<String> modules,
        boolean modulesKnown, String apacheVersion, String nginxVersion, Map<Path, Path> pathMap) {

    /**
     * The places servers keep their configuration (Debian, Red Hat, source builds, the official
     * container images), longest first: a config kept in a repository names these in its absolute
     * includes, and the files sit beside the main config instead.
     */
    public static final List<Path> SERVER_ROOTS = List.of(Path.of("/usr/local/apache2/conf"),
            Path.of("/usr/local/nginx/conf"), Path.of("/usr/local/etc/nginx"), Path.of("/usr/local/apache2"),
            Path.of("/etc/apache2"), Path.of("/etc/httpd"), Path.of("/etc/nginx"));

    public ResolveOptions(Path prefix, Path serverRoot, Map<String, String> defines, Set<String> modules,
            boolean modulesKnown, String apacheVersion, String nginxVersion) {
        this(prefix, serverRoot, defines, modules, modulesKnown, apacheVersion, nginxVersion, Map.of());
    }

    public static ResolveOptions defaults() {
        return new ResolveOptions(null, null, Map.of(), Set.of(), false, null, null);
    }

    public ResolveOptions withPathMap(Map<Path, Path> map) {
        return new ResolveOptions(prefix, serverRoot, defines, modules, modulesKnown, apacheVersion, nginxVersion,
                Map.copyOf(new LinkedHashMap<>(map)));
    }

    /** How an include path was mapped to the place it is read from. */
    public enum How {
        /** Read where it says: relative, or the config sits where the server keeps it. */
        AS_WRITTEN,
        /** An explicit {@code --path-map} / {@code path-map:} entry. */
        PATH_MAP,
        /** A server root ({@link #SERVER_ROOTS}) read beside the main config. */
        BESIDE_MAIN,
        /** Outside the scanned tree and not mapped: not read (the host's files are not the image's). */
        NOT_READ
    }

    /**
     * An include path and where it is read from.
     *
     * @param from    the FROM of the mapping used ({@code --path-map} key or server root), or null
     * @param to      the TO of that mapping, or null
     */
    public record Mapped(Path path, How how, Path from, Path to) {
        /** How the mapping reads in {@code dump} and in messages, e.g. {@code --path-map /etc/nginx=docker/nginx}. */
        public String describe() {
            return switch (how) {
                case AS_WRITTEN -> "as written";
                case PATH_MAP -> "--path-map " + from + "=" + to;
                case BESIDE_MAIN -> from + " read beside the main config (" + to + ")";
                case NOT_READ -> "outside the scanned tree; not read";
            };
        }
    }

    /** Where an absolute include path is read from; see {@link #mapInclude}. Never {@link How#NOT_READ}. */
    public Path map(Path path, Path mainDir) {
        return mapInclude(path, mainDir, false).path();
    }

    /**
     * Where an include path (file or glob pattern) is read from. An explicit mapping whose FROM is a
     * prefix of the path wins. Otherwise, when the main config sits outside the server's usual roots
     * (a repository, a container build context) and the path starts with one of
     * {@link #SERVER_ROOTS}, the same relative path beside the main config is used if it exists there
     * (for a pattern: if its directory exists), as in the image the config is built into. A host path
     * the config names itself ({@code hostPath}: written absolute, or under a ServerRoot the config
     * sets) that is neither mapped nor inside the main config's directory is {@link How#NOT_READ} in
     * such a scan: this machine's {@code /etc/nginx} is not the one the config will run with. Map
     * {@code /=/} to read the host's files anyway.
     *
     * @param mainDir  the directory of the main config, or null
     * @param hostPath whether the config itself names this absolute path (so it may be refused)
     */
    public Mapped mapInclude(Path path, Path mainDir, boolean hostPath) {
        if (path == null || !path.isAbsolute()) {
            return new Mapped(path, How.AS_WRITTEN, null, null);
        }
        for (Map.Entry<Path, Path> e : pathMap.entrySet()) {
            if (path.startsWith(e.getKey())) {
                return new Mapped(e.getValue().resolve(e.getKey().relativize(path).toString()).normalize(),
                        How.PATH_MAP, e.getKey(), e.getValue());
            }
        }
        if (mainDir == null) {
            return new Mapped(path, How.AS_WRITTEN, null, null);
        }
        Path dir = mainDir.toAbsolutePath().normalize();
        for (Path root : SERVER_ROOTS) {
            if (dir.startsWith(root)) {
                // the config is where the server keeps it: its paths mean what they say
                return new Mapped(path, How.AS_WRITTEN, null, null);
            }
        }
        for (Path root : SERVER_ROOTS) {
            if (path.startsWith(root)) {
                Path there = dir.resolve(root.relativize(path).toString()).normalize();
                if (Files.exists(literalPart(there))) {
                    return new Mapped(there, How.BESIDE_MAIN, root, dir);
                }
            }
        }
        if (!hostPath || inside(path, dir)) {
            return new Mapped(path, How.AS_WRITTEN, null, null);
        }
        return new Mapped(path, How.NOT_READ, null, null);
    }

    /**
     * The FROM to suggest in {@code --path-map FROM=DIR} for a path that was not read: its server
     * root, else the directory above its first glob part.
     */
    public static String suggestFrom(Path p) {
        for (Path root : SERVER_ROOTS) {
            if (p.startsWith(root)) {
                return root.toString();
            }
        }
        Path lit = literalPart(p);
        Path dir = lit != null && lit.equals(p) ? p.getParent() : lit;
        return dir != null ? dir.toString() : "/";
    }

    /** Whether a path lies in a directory, also when either is reached through a symbolic link. */
    private static boolean inside(Path path, Path dir) {
        if (path.normalize().startsWith(dir)) {
            return true;
        }
        try {
            Path realDir = dir.toRealPath();
            Path lit = literalPart(path.normalize());
            Path p = lit;
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            return p != null && p.toRealPath().resolve(p.relativize(lit).toString()).normalize().startsWith(realDir);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** The longest leading part of a path without glob characters. */
    private static Path literalPart(Path p) {
        List<String> parts = new ArrayList<>();
        Path root = p.getRoot();
        for (Path n : p) {
            String s = n.toString();
            if (s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0) {
                break;
            }
            parts.add(s);
        }
        Path out = root;
        for (String s : parts) {
            out = out == null ? Path.of(s) : out.resolve(s);
        }
        return out;
    }

    /** How many directories above a snippet {@link #snippetBase} looks for the file's conf directory. */
    static final int SNIPPET_LEVELS = 3;

    /**
     * The directory a snippet's relative include is meant against, when it is not the snippet's own:
     * a snippet checked without its main config (a {@code sites-available/app.conf} that says
     * {@code include snippets/ssl.conf;}, an Apache vhost template with {@code Include h5bp/basic.conf})
     * was written for the server's conf directory or ServerRoot, which is usually one of the
     * directories above it. The nearest of up to three parent directories (not above one that holds
     * {@code .git}) in which the included path exists (for a wildcard: its directory), or null, also
     * when it exists below {@code dir} itself.
     */
    public static Path snippetBase(Path dir, String relative, boolean glob) {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (dir == null || relative.isEmpty() || rel.isAbsolute()) {
            return null;
        }
        if (glob) {
            Path literal = null;
            for (Path part : rel) {
                if (dev.proxylint.source.Glob.isPattern(part.toString(), dev.proxylint.source.Glob.Flavor.NGINX)) {
                    break;
                }
                literal = literal == null ? part : literal.resolve(part);
            }
            if (literal == null) {
                return null;
            }
            rel = literal;
        }
        if (Files.exists(dir.resolve(rel))) {
            return null;
        }
        Path d = dir;
        for (int k = 0; k < SNIPPET_LEVELS && d != null; k++) {
            if (Files.isDirectory(d.resolve(".git"))) {
                return null; // the repository's root: nothing above it belongs to the config
            }
            d = d.getParent();
            if (d == null || d.getParent() == null) {
                return null; // never the file system's root
            }
            if (Files.exists(d.resolve(rel))) {
                return d;
            }
        }
        return null;
    }
}
