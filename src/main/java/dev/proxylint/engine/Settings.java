package dev.proxylint.engine;

import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.Versions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a run: the project configuration ({@code .proxylint.yml}) with the command line
 * on top. Every value is checked here, with the message a user sees ({@link LintException}).
 */
public final class Settings {
    private Settings() {
    }

    /**
     * What the command line gives: null (or empty) where an option is not given.
     *
     * @param defines  {@code -D} names and values, in order
     * @param pathMaps {@code --path-map FROM=TO} options as given
     * @param context  {@code --context}: named, all or none
     */
    public record CliValues(String failOn, String minLevel, String dialect, String websocket, String tlsProfile,
            String nginxVersion, String apacheVersion, String opensslVersion, List<String> select,
            List<String> ignore, Path prefix, Path serverRoot, Map<String, String> defines, List<String> modules,
            List<String> pathMaps, String context, int threads) {
    }

    /**
     * The merged settings.
     *
     * @param options   what the linter needs
     * @param failLevel findings at or above it fail the run; null for {@code none}
     */
    public record Merged(LintOptions options, Level failLevel) {
    }

    /** Merges the project configuration with the command line; the command line wins. */
    public static Merged merge(ProjectConfig cfg, CliValues cli) {
        String failOnValue = cli.failOn() != null ? cli.failOn() : cfg.failOn != null ? cfg.failOn : "warning";
        Level failLevel = failOnValue.equalsIgnoreCase("none") ? null : level(failOnValue, "--fail-on level");
        Level min = cli.minLevel() != null ? level(cli.minLevel(), "--min-level level")
                : cfg.minLevel != null ? cfg.minLevel : Level.NOTE;
        Dialect forced = cli.dialect() != null ? parseDialect(cli.dialect()) : null;
        String ws = cli.websocket() != null ? cli.websocket() : cfg.websocket != null ? cfg.websocket : "auto";
        if (!List.of("auto", "always", "never").contains(ws)) {
            throw new LintException("unknown --websocket mode '" + ws + "' (expected auto, always or never)");
        }
        String profile = cli.tlsProfile() != null ? cli.tlsProfile()
                : cfg.tlsProfile != null ? cfg.tlsProfile : "mozilla-intermediate";
        if (!List.of("mozilla-intermediate", "mozilla-modern", "mozilla-old").contains(profile)) {
            throw new LintException("unknown --tls-profile '" + profile
                    + "' (expected mozilla-intermediate, mozilla-modern or mozilla-old)");
        }
        String nv = cli.nginxVersion() != null ? checkVersion(cli.nginxVersion(), "--nginx-version") : cfg.nginxVersion;
        String av = cli.apacheVersion() != null ? checkVersion(cli.apacheVersion(), "--apache-version")
                : cfg.apacheVersion;
        Map<String, String> defs = new LinkedHashMap<>(cfg.defines);
        defs.putAll(cli.defines());
        Set<String> mods = new HashSet<>(cfg.modules);
        mods.addAll(cli.modules());
        Map<Path, Path> pathMap = new LinkedHashMap<>(pathMap(cli.pathMaps()));
        cfg.pathMap.forEach(pathMap::putIfAbsent);
        ResolveOptions ro = new ResolveOptions(cli.prefix() != null ? cli.prefix() : cfg.nginxPrefix,
                cli.serverRoot() != null ? cli.serverRoot() : cfg.serverRoot, defs, mods,
                cfg.modulesComplete != null && cfg.modulesComplete, av, nv).withPathMap(pathMap);
        OpensslVersion ov = cfg.opensslVersion;
        if (cli.opensslVersion() != null) {
            ov = OpensslVersion.parse(cli.opensslVersion()).orElseThrow(() -> new LintException(
                    OpensslVersion.unsupportedMessage("--openssl-version", cli.opensslVersion())));
        }
        RuleSettings settings = new RuleSettings(nv, av, profile, ws, RuleSettings.DEFAULT_WEBSOCKET_PATHS, cfg.rules,
                ov);
        List<String> ign = new ArrayList<>(cfg.ignore);
        ign.addAll(cli.ignore());
        Selection selection = new Selection(upper(cli.select().isEmpty() ? cfg.select : cli.select()), upper(ign),
                cfg.levels);
        LintOptions.Context ctxMode = switch (cli.context().toLowerCase(Locale.ROOT)) {
            case "named" -> LintOptions.Context.NAMED;
            case "all" -> LintOptions.Context.ALL;
            case "none" -> LintOptions.Context.ALONE;
            default -> throw new LintException("unknown --context '" + cli.context()
                    + "' (expected named, all or none)");
        };
        LintOptions options = new LintOptions(forced, ro, settings, selection, min, cfg.exclude,
                Math.max(1, cli.threads()), ctxMode);
        return new Merged(options, failLevel);
    }

    /** {@code --path-map FROM=TO} options as FROM → TO (TO relative to the working directory), in order. */
    public static Map<Path, Path> pathMap(List<String> options) {
        Map<Path, Path> m = new LinkedHashMap<>();
        for (String s : options) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new LintException("--path-map '" + s + "': expected FROM=TO, e.g. /etc/nginx=docker/nginx");
            }
            Path from = Path.of(s.substring(0, eq)).normalize();
            if (!from.isAbsolute()) {
                throw new LintException("--path-map '" + s + "': FROM must be an absolute path");
            }
            m.put(from, Path.of(s.substring(eq + 1)).toAbsolutePath().normalize());
        }
        return m;
    }

    /** {@code -D NAME[=VALUE]} options as a map (httpd's -D has no value; ours may). */
    public static Map<String, String> defines(List<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String d : options) {
            int eq = d.indexOf('=');
            out.put(eq < 0 ? d : d.substring(0, eq), eq < 0 ? "" : d.substring(eq + 1));
        }
        return out;
    }

    private static Level level(String s, String what) {
        try {
            return Level.parse(s);
        } catch (IllegalArgumentException e) {
            throw new LintException("unknown " + what + " '" + s + "' (expected note, warning or error)");
        }
    }

    private static String checkVersion(String v, String opt) {
        if (!Versions.isPlain(v, 4)) {
            throw new LintException("bad " + opt + " '" + v + "' (expected a version like 1.22.1)");
        }
        return v;
    }

    private static Dialect parseDialect(String s) {
        try {
            return Dialect.parse(s);
        } catch (IllegalArgumentException e) {
            throw new LintException(e.getMessage());
        }
    }

    private static Set<String> upper(List<String> ids) {
        Set<String> out = new HashSet<>();
        for (String s : ids) {
            out.add(s.trim().toUpperCase(Locale.ROOT));
        }
        return out;
    }
}
