package dev.proxylint.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rule metadata by id, in id order, with family lookups ({@code WS}, {@code TLS}, ...).
 *
 * <p>The built-in registry reads docs lazily: looking up one id reads just {@code <ID>.md}, and only
 * the questions about every rule (all, families, names) list and read the whole folder. A
 * pre-commit run that reports two rules thus parses two docs, not sixty.
 */
public final class RuleRegistry {
    private static volatile RuleRegistry builtin;

    private final Supplier<Collection<RuleMeta>> everything;
    private final Function<String, Optional<RuleMeta>> one;
    private final Map<String, Optional<RuleMeta>> loaded = new ConcurrentHashMap<>();
    private volatile Map<String, RuleMeta> byId;

    public RuleRegistry(Collection<RuleMeta> rules) {
        this.everything = null;
        this.one = null;
        this.byId = index(rules);
    }

    private RuleRegistry(Supplier<Collection<RuleMeta>> everything, Function<String, Optional<RuleMeta>> one) {
        this.everything = everything;
        this.one = one;
    }

    /**
     * A registry that asks {@code one} for single ids (once each) and {@code everything} only when a
     * question needs every rule (then once).
     */
    static RuleRegistry lazy(Supplier<Collection<RuleMeta>> everything, Function<String, Optional<RuleMeta>> one) {
        return new RuleRegistry(everything, one);
    }

    private static Map<String, RuleMeta> index(Collection<RuleMeta> rules) {
        Map<String, RuleMeta> m = new TreeMap<>();
        for (RuleMeta r : rules) {
            if (m.put(r.id(), r) != null) {
                throw new IllegalArgumentException("duplicate rule id " + r.id());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The rules documented in {@code rules/*.md} on the class path (each doc read at most once). */
    public static RuleRegistry builtin() {
        RuleRegistry r = builtin;
        if (r == null) {
            synchronized (RuleRegistry.class) {
                r = builtin;
                if (r == null) {
                    ClassLoader cl = RuleDocs.class.getClassLoader();
                    r = lazy(() -> RuleDocs.loadAll(cl), id -> RuleDocs.find(cl, id));
                    builtin = r;
                }
            }
        }
        return r;
    }

    /** Every rule by id; reads the whole doc folder the first time for a lazy registry. */
    private Map<String, RuleMeta> complete() {
        Map<String, RuleMeta> m = byId;
        if (m == null) {
            synchronized (this) {
                m = byId;
                if (m == null) {
                    m = index(everything.get());
                    byId = m;
                }
            }
        }
        return m;
    }

    /** All rules, sorted by id. */
    public List<RuleMeta> all() {
        return List.copyOf(complete().values());
    }

    /** The rule with an id (case-insensitive), if documented. */
    public Optional<RuleMeta> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String key = id.strip().toUpperCase(Locale.ROOT);
        Map<String, RuleMeta> m = byId;
        if (m != null) {
            return Optional.ofNullable(m.get(key));
        }
        return loaded.computeIfAbsent(key, one);
    }

    /** The rule with an id; throws IllegalArgumentException naming the id when unknown. */
    public RuleMeta get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown rule '" + id + "'"));
    }

    public boolean contains(String id) {
        return find(id).isPresent();
    }

    /** The rules of one family ({@code TLS} gives TLS101, TLS102 ... but not HSTS rules), sorted. */
    public List<RuleMeta> family(String family) {
        String f = family.strip().toUpperCase(Locale.ROOT);
        List<RuleMeta> out = new ArrayList<>();
        for (RuleMeta m : complete().values()) {
            if (m.family().equals(f)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every rule id, sorted. */
    public java.util.Set<String> ids() {
        return new TreeSet<>(complete().keySet());
    }

    /** The family prefixes present, sorted. */
    public List<String> families() {
        TreeSet<String> s = new TreeSet<>();
        for (RuleMeta m : complete().values()) {
            s.add(m.family());
        }
        return List.copyOf(s);
    }

    /**
     * Rules selected by a token that is an id ({@code WS101}), a family ({@code WS}) or a name
     * ({@code upgrade-headers-missing}); empty when nothing matches.
     */
    public List<RuleMeta> select(String token) {
        Optional<RuleMeta> byIdMatch = find(token);
        if (byIdMatch.isPresent()) {
            return List.of(byIdMatch.get());
        }
        List<RuleMeta> fam = family(token);
        if (!fam.isEmpty()) {
            return fam;
        }
        String t = token.strip().toLowerCase(Locale.ROOT);
        for (RuleMeta m : complete().values()) {
            if (m.name().equals(t)) {
                return List.of(m);
            }
        }
        return List.of();
    }

    public int size() {
        return complete().size();
    }
}
