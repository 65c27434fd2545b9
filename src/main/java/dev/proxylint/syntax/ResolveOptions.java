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

    /**
     * Where an absolute include path (file or glob pattern) is read from. An explicit mapping whose
     * FROM is a prefix of the path wins. Otherwise, when the main config sits outside the server's
     * usual roots (a repository, a container build context) and the path starts with one of
     * {@link #SERVER_ROOTS}, the same relative path beside the main config is used if it exists
     * there (for a pattern: if its directory exists), as in the image the config is built into.
     * Otherwise the path itself.
     *
     * @param mainDir the directory of the main config, or null
     */
    public Path map(Path path, Path mainDir) {
        if (path == null || !path.isAbsolute()) {
            return path;
        }
        for (Map.Entry<Path, Path> e : pathMap.entrySet()) {
            if (path.startsWith(e.getKey())) {
                return e.getValue().resolve(e.getKey().relativize(path).toString()).normalize();
            }
        }
        if (mainDir == null) {
            return path;
        }
        Path dir = mainDir.toAbsolutePath().normalize();
        for (Path root : SERVER_ROOTS) {
            if (dir.startsWith(root)) {
                return path; // the config is where the server keeps it: its paths mean what they say
            }
        }
        for (Path root : SERVER_ROOTS) {
            if (path.startsWith(root)) {
                Path there = dir.resolve(root.relativize(path).toString()).normalize();
                if (Files.exists(literalPart(there))) {
                    return there;
                }
            }
        }
        return path;
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
}
