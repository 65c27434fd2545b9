package dev.proxylint.syntax;

import java.nio.file.Path;
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
 */
public record ResolveOptions(Path prefix, Path serverRoot, Map<String, String> defines, Set<String> modules,
        boolean modulesKnown, String apacheVersion, String nginxVersion) {

    public static ResolveOptions defaults() {
        return new ResolveOptions(null, null, Map.of(), Set.of(), false, null, null);
    }
}
