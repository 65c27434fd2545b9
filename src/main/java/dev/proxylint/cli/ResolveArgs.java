package dev.proxylint.cli;

import dev.proxylint.engine.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How includes, defines and modules are resolved: the options `check` and `dump` share (a picocli mixin). */
final class ResolveArgs {
    @Option(names = "--prefix", paramLabel = "DIR", description = "nginx prefix: where relative includes start (default: the main config's directory).")
    Path prefix;

    @Option(names = "--server-root", paramLabel = "DIR", description = "Apache ServerRoot when the config sets none (default: the main config's directory).")
    Path serverRoot;

    @Option(names = {"-D", "--define"}, paramLabel = "NAME[=VALUE]", description = "Apache: treat NAME as defined (like httpd -D).")
    List<String> defines = new ArrayList<>();

    @Option(names = "--module", paramLabel = "NAME", description = "Apache: treat this module as loaded (proxy_module, mod_proxy.c).")
    List<String> modules = new ArrayList<>();

    @Option(names = "--path-map", paramLabel = "FROM=TO", description = "Read absolute include paths under FROM from TO "
            + "(e.g. /etc/nginx=docker/nginx). Without one, a main config outside /etc/nginx, /etc/apache2, /etc/httpd ... "
            + "reads such includes beside itself when the files are there, and other host paths not at all (CFG107); "
            + "/=/ reads the host's files.")
    List<String> pathMaps = new ArrayList<>();

    /** The --path-map options as FROM → TO (TO relative to the working directory), in order. */
    Map<Path, Path> pathMap() {
        return Settings.pathMap(pathMaps);
    }
}
