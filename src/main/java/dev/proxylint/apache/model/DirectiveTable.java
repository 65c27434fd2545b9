package dev.proxylint.apache.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Apache httpd's directives as data: {@code directives.tsv}, generated from httpd's own
 * {@code command_rec} tables by {@code tools/gen-apache-directives.py}, and
 * {@code third-party-prefixes.tsv}. Loaded once; lookups are by lower-cased name (httpd compares
 * directive names case-insensitively). Sections are listed with their {@code <}, e.g. {@code <virtualhost}.
 */
public final class DirectiveTable {
    // req_override bits (include/http_config.h)
    public static final int OR_LIMIT = 1;
    public static final int OR_OPTIONS = 2;
    public static final int OR_FILEINFO = 4;
    public static final int OR_AUTHCFG = 8;
    public static final int OR_INDEXES = 16;
    public static final int ACCESS_CONF = 64;
    public static final int RSRC_CONF = 128;
    public static final int EXEC_ON_READ = 256;
    public static final int PROXY_CONF = 2048;
    public static final int OR_ALL = OR_LIMIT | OR_OPTIONS | OR_FILEINFO | OR_AUTHCFG | OR_INDEXES;

    // ap_check_cmd_context() restrictions
    public static final int NOT_IN_VIRTUALHOST = 0x01;
    public static final int NOT_IN_LIMIT = 0x02;
    public static final int NOT_IN_DIRECTORY = 0x04;
    public static final int NOT_IN_LOCATION = 0x08;
    public static final int NOT_IN_FILES = 0x10;
    public static final int NOT_IN_HTACCESS = 0x20;
    public static final int NOT_IN_PROXY = 0x40;
    public static final int NOT_IN_DIR_LOC_FILE = NOT_IN_DIRECTORY | NOT_IN_LOCATION | NOT_IN_FILES;
    public static final int NOT_IN_DIR_CONTEXT = NOT_IN_LIMIT | NOT_IN_DIR_LOC_FILE | NOT_IN_PROXY;
    public static final int GLOBAL_ONLY = NOT_IN_VIRTUALHOST | NOT_IN_DIR_CONTEXT;

    /** How httpd splits a directive's arguments before calling its handler ({@code AP_INIT_*}). */
    public enum Args {
        RAW_ARGS, TAKE_ARGV, NO_ARGS, TAKE1, TAKE2, TAKE12, TAKE3, TAKE23, TAKE123, TAKE13, ITERATE, ITERATE2, FLAG
    }

    /**
     * One directive.
     *
     * @param name       as httpd spells it ({@code <VirtualHost} for sections)
     * @param modules    module identifiers that define it (any of them loaded makes it known)
     * @param source     the module's source file name, as {@code <IfModule mod_x.c>} names it
     * @param args       argument kind
     * @param override   req_override bits
     * @param forbidden  ap_check_cmd_context restrictions the handler always applies
     * @param since      patch level of the first 2.4 release that has it, or 0 when unknown
     * @param thirdParty whether the module is not part of httpd
     */
    public record Entry(String name, List<String> modules, String source, Args args, int override, int forbidden,
            int since, boolean thirdParty) {
    }

    /** A name prefix of a third-party module whose full table proxylint does not have. */
    public record Prefix(String prefix, List<String> modules, String moduleName) {
    }

    private static final class Holder {
        static final DirectiveTable TABLE = load();
    }

    private final Map<String, Entry> byName;
    private final Map<String, String> sourceToModule;
    private final Set<String> bundledModules;
    private final List<Prefix> prefixes;

    private DirectiveTable(Map<String, Entry> byName, Map<String, String> sourceToModule, List<Prefix> prefixes) {
        this.byName = byName;
        this.sourceToModule = sourceToModule;
        this.bundledModules = Set.copyOf(sourceToModule.values());
        this.prefixes = prefixes;
    }

    public static DirectiveTable get() {
        return Holder.TABLE;
    }

    /** The entry for a directive name ({@code <name} for a section), or null. */
    public Entry find(String lowerName) {
        return byName.get(lowerName);
    }

    /** The third-party prefix a name starts with (case-insensitive), or null. */
    public Prefix prefix(String name) {
        for (Prefix p : prefixes) {
            if (name.regionMatches(true, 0, p.prefix(), 0, p.prefix().length())) {
                return p;
            }
        }
        return null;
    }

    /** Lower-cased module source names ({@code mod_proxy.c}) to module identifiers, for {@code <IfModule>}. */
    public Map<String, String> sourceToModule() {
        return sourceToModule;
    }

    /** Whether a module identifier ({@code proxy_http_module}) is one httpd's tree declares. */
    public boolean bundled(String moduleId) {
        return bundledModules.contains(moduleId);
    }

    /** Whether a module identifier is one of a third-party module proxylint knows names of. */
    public boolean knownThirdParty(String moduleId) {
        for (Prefix p : prefixes) {
            if (p.modules().contains(moduleId)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return byName.size();
    }

    static int flags(String expr, Map<String, Integer> names) {
        int v = 0;
        for (String f : expr.split("\\|")) {
            f = f.trim();
            if (f.isEmpty() || f.equals("-") || f.equals("0")) {
                continue;
            }
            Integer b = names.get(f);
            if (b == null) {
                throw new IllegalStateException("directives.tsv: unknown flag " + f);
            }
            v |= b;
        }
        return v;
    }

    private static final Map<String, Integer> OVERRIDES = Map.ofEntries(Map.entry("OR_NONE", 0),
            Map.entry("OR_LIMIT", OR_LIMIT), Map.entry("OR_OPTIONS", OR_OPTIONS), Map.entry("OR_FILEINFO", OR_FILEINFO),
            Map.entry("OR_AUTHCFG", OR_AUTHCFG), Map.entry("OR_INDEXES", OR_INDEXES), Map.entry("OR_ALL", OR_ALL),
            Map.entry("ACCESS_CONF", ACCESS_CONF), Map.entry("RSRC_CONF", RSRC_CONF),
            Map.entry("EXEC_ON_READ", EXEC_ON_READ), Map.entry("PROXY_CONF", PROXY_CONF),
            Map.entry("NONFATAL_OVERRIDE", 512), Map.entry("NONFATAL_UNKNOWN", 1024), Map.entry("NONFATAL_ALL", 1536));
    private static final Map<String, Integer> CONTEXTS = Map.of("NOT_IN_VIRTUALHOST", NOT_IN_VIRTUALHOST,
            "NOT_IN_LIMIT", NOT_IN_LIMIT, "NOT_IN_DIRECTORY", NOT_IN_DIRECTORY, "NOT_IN_LOCATION", NOT_IN_LOCATION,
            "NOT_IN_FILES", NOT_IN_FILES, "NOT_IN_HTACCESS", NOT_IN_HTACCESS, "NOT_IN_PROXY", NOT_IN_PROXY,
            "NOT_IN_DIR_LOC_FILE", NOT_IN_DIR_LOC_FILE, "NOT_IN_DIR_CONTEXT", NOT_IN_DIR_CONTEXT,
            "GLOBAL_ONLY", GLOBAL_ONLY);

    private static BufferedReader open(String name) {
        InputStream in = DirectiveTable.class.getResourceAsStream("/dev/proxylint/apache/" + name);
        if (in == null) {
            throw new IllegalStateException("missing resource dev/proxylint/apache/" + name);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static DirectiveTable load() {
        Map<String, Entry> byName = new HashMap<>(2048);
        Map<String, String> bundled = new HashMap<>();
        List<Prefix> prefixes = new ArrayList<>();
        try (BufferedReader r = open("directives.tsv")) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c[0].equals("@module")) {
                    bundled.put(c[2].toLowerCase(Locale.ROOT), c[1]);
                    continue;
                }
                int forbidden = 0;
                for (String call : c[5].split(",")) {
                    if (!call.startsWith("?")) { // calls in a branch depend on the arguments: not used
                        forbidden |= flags(call, CONTEXTS);
                    }
                }
                boolean third = c[6].equals("third-party");
                int since = 0;
                if (c[6].startsWith("2.4.")) {
                    since = Integer.parseInt(c[6].substring(4));
                }
                byName.put(c[0].toLowerCase(Locale.ROOT), new Entry(c[0], List.of(c[1].split(",")),
                        c[2].split(",")[0], Args.valueOf(c[3]), flags(c[4], OVERRIDES), forbidden, since, third));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BufferedReader r = open("third-party-prefixes.tsv")) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                prefixes.add(new Prefix(c[0], List.of(c[1].split(",")), c[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DirectiveTable(Map.copyOf(byName), Map.copyOf(bundled), List.copyOf(prefixes));
    }
}
