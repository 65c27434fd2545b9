package dev.proxylint.engine;

import dev.proxylint.rules.Level;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.Versions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * {@code .proxylint.yml}: found from the working directory upward to the repository root, or given
 * with {@code --config}. Every key is checked; an unknown key or a bad value is an error naming the
 * file, line and column.
 *
 * <pre>
 * select: [WS, TLS]            # rule ids, families or id prefixes to run (default: all)
 * ignore: [WS104]              # rule ids, families or id prefixes to skip
 * levels: {WS104: warning}     # level overrides: note, warning, error
 * fail-on: warning             # note | warning | error | none
 * min-level: note
 * nginx-version: 1.22.1
 * apache-version: 2.4.62
 * openssl-version: 1.1.1       # 3.0 (default) or 1.1.1: the OpenSSL the servers use
 * tls-profile: mozilla-intermediate
 * websocket: auto              # auto | always | never
 * nginx-prefix: /etc/nginx     # where relative nginx includes start
 * server-root: /etc/apache2    # Apache ServerRoot when the config sets none
 * path-map: {/etc/nginx: docker/nginx}   # absolute include paths read from the repository
 * defines: {SSL: ""}           # Apache -D names
 * modules: [proxy_wstunnel_module]
 * modules-complete: false      # true: modules not loaded are known to be absent
 * exclude: ["vendor/**"]
 * rules:                       # per-rule options
 *   TMO101: {min-seconds: 300}
 * </pre>
 */
public final class ProjectConfig {
    public static final String FILE_NAME = ".proxylint.yml";
    private static final Set<String> KEYS = Set.of("select", "ignore", "levels", "fail-on", "min-level",
            "nginx-version", "apache-version", "openssl-version", "tls-profile", "websocket", "nginx-prefix", "server-root",
            "path-map",
            "defines", "modules", "modules-complete", "exclude", "rules");

    public List<String> select = List.of();
    public List<String> ignore = List.of();
    public Map<String, Level> levels = Map.of();
    public String failOn;
    public Level minLevel;
    public String nginxVersion;
    public String apacheVersion;
    public OpensslVersion opensslVersion;
    public String tlsProfile;
    public String websocket;
    public Path nginxPrefix;
    public Path serverRoot;
    public Map<Path, Path> pathMap = Map.of();
    public Map<String, String> defines = Map.of();
    public List<String> modules = List.of();
    public Boolean modulesComplete;
    public List<String> exclude = List.of();
    public Map<String, Map<String, Object>> rules = Map.of();
    public Path source;

    /** The nearest {@value #FILE_NAME} from {@code start} upward, stopping at a repository root; or null. */
    public static Path find(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        while (dir != null) {
            Path f = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(f)) {
                return f;
            }
            if (Files.exists(dir.resolve(".git"))) {
                return null;
            }
            dir = dir.getParent();
        }
        return null;
    }

    private static LintException error(Path file, Mark m, String msg) {
        if (m == null) {
            return new LintException(file + ": " + msg);
        }
        return new LintException(file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + msg);
    }

    private static LintException error(Path file, Node n, String msg) {
        return error(file, n.getStartMark().orElse(null), msg);
    }

    /**
     * Reads and checks a config file.
     *
     * @param knownId whether a rule id or family exists (for select/ignore/levels/rules keys)
     */
    public static ProjectConfig read(Path file, Predicate<String> knownId) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LintException(file + ": cannot read config: " + Linter.describe(e));
        }
        ProjectConfig c = new ProjectConfig();
        c.source = file;
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
            Composer composer = new Composer(settings, new ParserImpl(settings,
                    new StreamReader(settings, new StringReader(text))));
            root = composer.getSingleNode().orElse(null);
        } catch (MarkedYamlEngineException e) {
            throw error(file, e.getProblemMark().orElse(null), "invalid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new LintException(file + ": invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            return c;
        }
        if (!(root instanceof MappingNode map)) {
            throw error(file, root, "expected a mapping of settings at the top level");
        }
        Path base = file.toAbsolutePath().getParent();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(file, t.getKeyNode());
            Node v = t.getValueNode();
            switch (key) {
                case "select" -> c.select = ruleList(file, v, knownId);
                case "ignore" -> c.ignore = ruleList(file, v, knownId);
                case "levels" -> {
                    Map<String, Level> m = new LinkedHashMap<>();
                    for (NodeTuple e : mapping(file, v).getValue()) {
                        String id = ruleId(file, e.getKeyNode(), knownId);
                        m.put(id, level(file, e.getValueNode()));
                    }
                    c.levels = m;
                }
                case "fail-on" -> {
                    String s = scalar(file, v);
                    if (!s.equals("none")) {
                        level(file, v);
                    }
                    c.failOn = s;
                }
                case "min-level" -> c.minLevel = level(file, v);
                case "nginx-version" -> c.nginxVersion = version(file, v);
                case "apache-version" -> c.apacheVersion = version(file, v);
                case "openssl-version" -> {
                    String sv = scalar(file, v);
                    c.opensslVersion = OpensslVersion.parse(sv)
                            .orElseThrow(() -> error(file, v, OpensslVersion.unsupportedMessage("openssl-version", sv)));
                }
                case "tls-profile" -> c.tlsProfile = oneOf(file, v, "mozilla-intermediate", "mozilla-modern", "mozilla-old");
                case "websocket" -> c.websocket = oneOf(file, v, "auto", "always", "never");
                case "nginx-prefix" -> c.nginxPrefix = base.resolve(scalar(file, v));
                case "server-root" -> c.serverRoot = base.resolve(scalar(file, v));
                case "path-map" -> {
                    Map<Path, Path> m = new LinkedHashMap<>();
                    for (NodeTuple e : mapping(file, v).getValue()) {
                        Path from = Path.of(scalar(file, e.getKeyNode())).normalize();
                        if (!from.isAbsolute()) {
                            throw error(file, e.getKeyNode(), "path-map: '" + from + "' must be an absolute path");
                        }
                        m.put(from, base.resolve(scalar(file, e.getValueNode())).toAbsolutePath().normalize());
                    }
                    c.pathMap = m;
                }
                case "defines" -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    if (v instanceof SequenceNode seq) {
                        for (Node n : seq.getValue()) {
                            m.put(scalar(file, n), "");
                        }
                    } else {
                        for (NodeTuple e : mapping(file, v).getValue()) {
                            m.put(scalar(file, e.getKeyNode()), scalar(file, e.getValueNode()));
                        }
                    }
                    c.defines = m;
                }
                case "modules" -> c.modules = strings(file, v);
                case "modules-complete" -> c.modulesComplete = bool(file, v);
                case "exclude" -> c.exclude = strings(file, v);
                case "rules" -> {
                    Map<String, Map<String, Object>> m = new LinkedHashMap<>();
                    for (NodeTuple e : mapping(file, v).getValue()) {
                        String id = ruleId(file, e.getKeyNode(), knownId);
                        Map<String, Object> opts = new LinkedHashMap<>();
                        for (NodeTuple o : mapping(file, e.getValueNode()).getValue()) {
                            opts.put(scalar(file, o.getKeyNode()), value(file, o.getValueNode()));
                        }
                        m.put(id, opts);
                    }
                    c.rules = m;
                }
                default -> throw error(file, t.getKeyNode(), "unknown key '" + key + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        return c;
    }

    private static String scalar(Path file, Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(file, n, "expected a single value");
    }

    private static Object value(Path file, Node n) {
        if (n instanceof SequenceNode) {
            return strings(file, n);
        }
        String s = scalar(file, n);
        if (s.matches("-?\\d+")) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return s;
    }

    private static MappingNode mapping(Path file, Node n) {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw error(file, n, "expected a mapping");
    }

    private static List<String> strings(Path file, Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof SequenceNode seq) {
            for (Node e : seq.getValue()) {
                out.add(scalar(file, e));
            }
        } else {
            out.add(scalar(file, n));
        }
        return out;
    }

    private static List<String> ruleList(Path file, Node n, Predicate<String> knownId) {
        List<String> out = new ArrayList<>();
        if (n instanceof SequenceNode seq) {
            for (Node e : seq.getValue()) {
                out.add(ruleId(file, e, knownId));
            }
        } else {
            for (String s : scalar(file, n).split("[,\\s]+")) {
                if (!s.isEmpty() && !knownId.test(s.toUpperCase(java.util.Locale.ROOT)) && !s.equalsIgnoreCase("all")) {
                    throw error(file, n, "unknown rule, family or id prefix '" + s + "'");
                }
                out.add(s.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private static String ruleId(Path file, Node n, Predicate<String> knownId) {
        String s = scalar(file, n).trim().toUpperCase(java.util.Locale.ROOT);
        if (!knownId.test(s) && !s.equals("ALL")) {
            throw error(file, n, "unknown rule, family or id prefix '" + s + "'");
        }
        return s;
    }

    private static Level level(Path file, Node n) {
        String s = scalar(file, n);
        try {
            return Level.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(file, n, "unknown level '" + s + "' (expected note, warning or error)");
        }
    }

    private static String version(Path file, Node n) {
        String s = scalar(file, n);
        if (!Versions.isPlain(s, 4)) {
            throw error(file, n, "bad version '" + s + "' (expected e.g. 1.22.1)");
        }
        return s;
    }

    private static Boolean bool(Path file, Node n) {
        String s = scalar(file, n);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        throw error(file, n, "expected true or false");
    }

    private static String oneOf(Path file, Node n, String... allowed) {
        String s = scalar(file, n);
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw error(file, n, "unknown value '" + s + "' (expected one of " + String.join(", ", allowed) + ")");
    }
}
