package dev.proxylint.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The usual {@code proxylint check} command line read without picocli. Building picocli's model of
 * {@link CheckCommand} (reflection over its annotations, picocli's own class set-up) is about 100 ms
 * of a pre-commit run that takes 220 ms in all, so a command line made only of {@code check}'s
 * options in their plain forms ({@code --name VALUE}, {@code --name=VALUE}, {@code -o FILE},
 * {@code -q}, {@code -D NAME}) and paths is read here. Anything else (help, version, an unknown or
 * repeated option, a missing value, a value that starts with {@code -}, {@code --}, {@code @file},
 * clustered or attached short options, a bad number or path) returns null and goes to picocli,
 * which accepts it or prints its own error: both readers give the same fields wherever this one
 * answers. {@code FastCheckArgsTest} holds the table to picocli's model of CheckCommand and compares
 * the fields both readers set.
 */
final class FastCheckArgs {
    private FastCheckArgs() {
    }

    enum Kind {
        /** A boolean option without a value. */
        FLAG,
        /** One value; given once. */
        VALUE,
        /** One value per use; may repeat. */
        LIST,
        /** A list whose values are also split at commas (picocli's {@code split = ","}). */
        SPLIT_LIST
    }

    record Opt(Kind kind, BiConsumer<CheckCommand, String> set) {
    }

    /** Every option of {@code check} (its mixin included) but help and version, by each of its names. */
    static final Map<String, Opt> OPTIONS = options();

    private static Map<String, Opt> options() {
        Map<String, Opt> m = new HashMap<>();
        value(m, (c, v) -> c.format = v, "--format");
        value(m, (c, v) -> c.output = Path.of(v), "-o", "--output");
        value(m, (c, v) -> c.sarifOutput = Path.of(v), "--sarif-output");
        value(m, (c, v) -> c.failOn = v, "--fail-on");
        flag(m, c -> c.exitZero = true, "--exit-zero");
        value(m, (c, v) -> c.minLevel = v, "--min-level");
        m.put("--select", new Opt(Kind.SPLIT_LIST, (c, v) -> c.select.add(v)));
        m.put("--ignore", new Opt(Kind.SPLIT_LIST, (c, v) -> c.ignore.add(v)));
        value(m, (c, v) -> c.dialect = v, "--dialect");
        value(m, (c, v) -> c.stdinName = v, "--stdin-filename");
        value(m, (c, v) -> c.nginxVersion = v, "--nginx-version");
        value(m, (c, v) -> c.apacheVersion = v, "--apache-version");
        value(m, (c, v) -> c.opensslVersion = v, "--openssl-version");
        value(m, (c, v) -> c.tlsProfile = v, "--tls-profile");
        value(m, (c, v) -> c.websocket = v, "--websocket");
        value(m, (c, v) -> c.resolveArgs.prefix = Path.of(v), "--prefix");
        value(m, (c, v) -> c.resolveArgs.serverRoot = Path.of(v), "--server-root");
        Opt define = new Opt(Kind.LIST, (c, v) -> c.resolveArgs.defines.add(v));
        m.put("-D", define);
        m.put("--define", define);
        m.put("--module", new Opt(Kind.LIST, (c, v) -> c.resolveArgs.modules.add(v)));
        m.put("--path-map", new Opt(Kind.LIST, (c, v) -> c.resolveArgs.pathMaps.add(v)));
        value(m, (c, v) -> c.context = v, "--context");
        value(m, (c, v) -> c.config = Path.of(v), "--config");
        value(m, (c, v) -> c.baseline = Path.of(v), "--baseline");
        value(m, (c, v) -> c.writeBaseline = Path.of(v), "--write-baseline");
        flag(m, c -> c.fix = true, "--fix");
        flag(m, c -> c.diff = true, "--diff");
        value(m, (c, v) -> c.color = v, "--color");
        flag(m, c -> c.quiet = true, "-q", "--quiet");
        flag(m, c -> c.statistics = true, "--statistics");
        value(m, (c, v) -> c.threads = Integer.parseInt(v), "--threads");
        value(m, (c, v) -> c.maxFileSize = v, "--max-file-size");
        value(m, (c, v) -> c.maxRead = v, "--max-read");
        flag(m, c -> c.debug = true, "--debug");
        return Map.copyOf(m);
    }

    private static void value(Map<String, Opt> m, BiConsumer<CheckCommand, String> set, String... names) {
        Opt o = new Opt(Kind.VALUE, set);
        for (String n : names) {
            m.put(n, o);
        }
    }

    private static void flag(Map<String, Opt> m, java.util.function.Consumer<CheckCommand> set, String... names) {
        Opt o = new Opt(Kind.FLAG, (c, v) -> set.accept(c));
        for (String n : names) {
            m.put(n, o);
        }
    }

    /** The check that {@code args} asks for, or null when picocli should read them. */
    static CheckCommand parse(String[] args) {
        if (args.length < 2 || !args[0].equals("check")) {
            return null;
        }
        CheckCommand c = new CheckCommand();
        Set<Opt> seen = new HashSet<>();
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.charAt(0) == '@') {
                return null; // picocli reads @file as an argument file
            }
            if (a.equals("-") || a.charAt(0) != '-') {
                paths.add(a);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            Opt o = OPTIONS.get(name);
            if (o == null) {
                return null;
            }
            if (o.kind() == Kind.FLAG) {
                if (value != null || !seen.add(o)) {
                    return null;
                }
                o.set().accept(c, null);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            }
            if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@' || value.indexOf('"') >= 0) {
                return null; // picocli's reading of these is its own
            }
            try {
                switch (o.kind()) {
                    case VALUE -> {
                        if (!seen.add(o) || o == OPTIONS.get("--threads") && !value.matches("[0-9]{1,9}")) {
                            return null;
                        }
                        o.set().accept(c, value);
                    }
                    case LIST -> o.set().accept(c, value);
                    case SPLIT_LIST -> {
                        if (value.startsWith(",") || value.endsWith(",") || value.contains(",,")) {
                            return null;
                        }
                        for (String part : value.split(",")) {
                            o.set().accept(c, part);
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            } catch (InvalidPathException e) {
                return null;
            }
        }
        if (paths.isEmpty()) {
            return null;
        }
        c.paths = paths;
        c.fastFormatGiven = seen.contains(OPTIONS.get("--format"));
        return c;
    }
}
