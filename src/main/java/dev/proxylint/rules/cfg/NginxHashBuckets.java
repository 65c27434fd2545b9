package dev.proxylint.rules.cfg;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CFG123's hash buckets: nginx keeps server names and map keys in hashes whose buckets must hold
 * the longest key, and refuses to start when one does not fit ({@code could not build
 * server_names_hash, you should increase server_names_hash_bucket_size: 64}). ngx_hash_init needs
 * {@code bucket_size >= 2 * sizeof(void *) + align(len + 2, sizeof(void *))}: with the default
 * bucket of one cache line (64 bytes on x86_64) and 8-byte pointers, keys of up to 46 bytes fit. The
 * setting is rounded up to a multiple of the cache line. Wildcard names are hashed one label at a
 * time, so there each label must fit. nginx builds the server-name hash of an address only when
 * more than one server listens there (checked with nginx -t 1.22.1: a lone server with a 60-byte
 * name starts), and the hash of every map. Adding a name to that hash is also where nginx refuses
 * a wildcard it cannot hash ({@code invalid server name or wildcard "www.*.com" on 0.0.0.0:80}),
 * so that too is only judged where the names are hashed.
 */
final class NginxHashBuckets {
    private NginxHashBuckets() {
    }

    /** ngx_cacheline_size of nginx on x86_64 (also the default of both bucket sizes). */
    static final int CACHE_LINE = 64;
    private static final int POINTER = 8;
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("[0-9]{1,12}[kKmM]?");

    /** The longest key a bucket of this (configured) size holds. */
    static int longestKey(long configured) {
        long bucket = (configured + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
        return (int) (bucket - 2 * POINTER - 2);
    }

    /** The bucket size (a multiple of the cache line) that holds a key of this length. */
    static int bucketFor(int len) {
        int need = 2 * POINTER + (len + 2 + POINTER - 1) / POINTER * POINTER;
        return (need + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
    }

    /** A key too long for its bucket, and where it is written. */
    private record TooLong(Span span, String key, int len) {
    }

    static void check(RuleContext ctx, String id) {
        NginxModel model = ctx.facts().nginx();
        Scope http = null;
        for (Scope c : model.main().children()) {
            if (c.kind() == Scope.Kind.HTTP) {
                http = c;
            }
        }
        Scope settings = http != null ? http : model.main();
        serverNames(ctx, id, model, settings, http);
        maps(ctx, id, model, settings, http);
    }

    private static void serverNames(RuleContext ctx, String id, NginxModel model, Scope settings, Scope http) {
        Map<String, Integer> perAddress = new HashMap<>();
        List<Scope> servers = new ArrayList<>();
        List<List<NginxListens.Listen>> listens = new ArrayList<>(); // each server's, read once
        for (Scope s : model.servers()) {
            if (!NginxListens.http(s)) {
                continue;
            }
            servers.add(s);
            List<NginxListens.Listen> ls = NginxListens.of(s);
            listens.add(ls);
            for (NginxListens.Listen l : ls) {
                perAddress.merge(l.address(), 1, Integer::sum);
            }
        }
        Directive setting = settings.ownLast("server_names_hash_bucket_size");
        long configured = configured(setting);
        if (configured <= 0) {
            return;
        }
        int fits = longestKey(configured);
        List<TooLong> found = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            Scope s = servers.get(i);
            List<NginxListens.Listen> ls = listens.get(i);
            boolean hashed = false;
            for (NginxListens.Listen l : ls) {
                hashed |= perAddress.get(l.address()) > 1;
            }
            if (!hashed) {
                continue;
            }
            for (Directive sn : s.own("server_name")) {
                for (Arg a : sn.args()) {
                    String name = a.value().toLowerCase(Locale.ROOT);
                    if (name.startsWith("~") || name.indexOf('$') >= 0 || badStart(name)) {
                        continue; // regex names are not hashed; $hostname is the machine's
                    }
                    if (!validKey(name)) {
                        ctx.report(id, a.span(), "invalid server name or wildcard \"" + name + "\" on "
                                + ls.get(0).address() + ": nginx refuses to start. A wildcard "
                                + "is one * as the first label (*.example.org) or the last (www.example.*), or a "
                                + "leading dot (.example.org); no empty labels. A regular expression name starts with ~.");
                        continue;
                    }
                    int len = longest(name);
                    if (len > fits) {
                        found.add(new TooLong(a.span(), a.value(), len));
                    }
                }
            }
        }
        report(ctx, id, found, "server_names_hash", "server_names_hash_bucket_size", configured, fits, setting, http,
                "a server name", "more than one server listens on its address, so nginx hashes their names");
    }

    private static void maps(RuleContext ctx, String id, NginxModel model, Scope settings, Scope http) {
        Directive setting = settings.ownLast("map_hash_bucket_size");
        long configured = configured(setting);
        if (configured <= 0) {
            return;
        }
        int fits = longestKey(configured);
        List<TooLong> found = new ArrayList<>();
        for (Directive map : settings.own("map")) {
            if (!map.hasBlock()) {
                continue;
            }
            List<Directive> entries = Tree.effective(map.children());
            boolean hostnames = false; // from its line on: the keys before it are exact ones
            for (Directive e : entries) {
                String k = e.name();
                if (e.argCount() == 0 && k.equals("hostnames")) {
                    hostnames = true;
                    continue;
                }
                if (e.argCount() != 1 || k.equals("default") || k.equals("include") || k.startsWith("~") || k.isEmpty()) {
                    continue;
                }
                if (k.startsWith("\\")) {
                    k = k.substring(1);
                }
                if (hostnames && !validKey(k)) {
                    ctx.report(id, e.nameSpan(), "invalid hostname or wildcard \"" + k + "\": nginx refuses to start. "
                            + "A map with hostnames takes one * as the first label (*.example.org) or the last "
                            + "(www.example.*), or a leading dot (.example.org); no empty labels.");
                    continue;
                }
                int len = hostnames ? longest(k.toLowerCase(Locale.ROOT)) : k.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (len > fits) {
                    found.add(new TooLong(e.nameSpan(), k, len));
                }
            }
        }
        report(ctx, id, found, "map_hash", "map_hash_bucket_size", configured, fits, setting, http, "a map key",
                "every map is hashed");
    }

    /** What the server_name directive itself refuses (NginxValueChecks reports it): no hashing after that. */
    private static boolean badStart(String n) {
        return n.startsWith("*") && (n.length() < 3 || n.charAt(1) != '.') || n.equals(".") || n.equals("~");
    }

    /**
     * ngx_hash_add_key with NGX_HASH_WILDCARD_KEY: at most one *, no "..", and a * only in
     * "*.name" or "name.*"; a leading dot is a wildcard of its own.
     */
    static boolean validKey(String k) {
        int stars = 0;
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c == '*' && ++stars > 1 || c == '.' && i + 1 < k.length() && k.charAt(i + 1) == '.' || c == 0) {
                return false;
            }
        }
        if (k.length() > 1 && k.charAt(0) == '.') {
            return true;
        }
        if (k.length() > 2 && (k.startsWith("*.") || k.endsWith(".*"))) {
            return true;
        }
        return stars == 0;
    }

    /** The configured bucket size (default one cache line), or -1 when it is not a plain size. */
    private static long configured(Directive setting) {
        if (setting == null) {
            return CACHE_LINE;
        }
        if (setting.argCount() != 1 || !SIZE.matcher(setting.arg(0)).matches()) {
            return -1;
        }
        long v = NginxParameterChecks.size(setting.arg(0));
        return v > 0 ? v : -1;
    }

    /**
     * The longest piece of a host name that nginx hashes: the whole name when it is exact, each
     * label of a wildcard ({@code *.example.org}, {@code www.example.*}), and for
     * {@code .example.org} both (it is also the exact name {@code example.org}).
     */
    static int longest(String name) {
        boolean wildcard = name.startsWith("*.") || name.endsWith(".*") || name.startsWith(".");
        if (!wildcard) {
            return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        int max = 0;
        if (name.startsWith(".")) {
            max = name.substring(1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        for (String label : name.split("\\.")) {
            if (!label.equals("*")) {
                max = Math.max(max, label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }
        }
        return max;
    }

    private static void report(RuleContext ctx, String id, List<TooLong> found, String hash, String directive,
            long configured, int fits, Directive setting, Scope http, String what, String why) {
        if (found.isEmpty()) {
            return;
        }
        int longest = found.stream().mapToInt(TooLong::len).max().getAsInt();
        int bucket = bucketFor(longest);
        String line = directive + " " + bucket + ";";
        Fix fix = null;
        if (setting != null && setting.argCount() == 1) {
            fix = Fix.of("Set " + line, TextEdit.replace(setting.argument(0).span(), String.valueOf(bucket)));
        } else if (setting == null && http != null) {
            fix = Fix.of("Add " + line + " to the http block", NginxEdits.prependToBlock(http.block(), List.of(line)));
        }
        long shown = (configured + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
        for (TooLong l : found) {
            ctx.report(id, l.span(), "could not build " + hash + ", you should increase " + directive + ": " + shown
                    + ": nginx refuses to start. " + capital(what) + " of " + l.len() + " bytes (\"" + l.key()
                    + "\") does not fit a bucket of " + shown + " bytes, which holds up to " + fits + "; " + why
                    + ". " + line + " in the http block holds it.", List.of(), fix);
            fix = null; // one edit for all of them: it sizes the bucket for the longest
        }
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
