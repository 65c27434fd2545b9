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

/** Rule metadata by id, in id order, with family lookups ({@code WS}, {@code TLS}, ...). */
public final class RuleRegistry {
    private static volatile RuleRegistry builtin;

    private final Map<String, RuleMeta> byId;

    public RuleRegistry(Collection<RuleMeta> rules) {
        Map<String, RuleMeta> m = new TreeMap<>();
        for (RuleMeta r : rules) {
            if (m.put(r.id(), r) != null) {
                throw new IllegalArgumentException("duplicate rule id " + r.id());
            }
        }
        this.byId = Collections.unmodifiableMap(m);
    }

    /** The rules documented in {@code rules/*.md} on the class path (loaded once). */
    public static RuleRegistry builtin() {
        RuleRegistry r = builtin;
        if (r == null) {
            synchronized (RuleRegistry.class) {
                r = builtin;
                if (r == null) {
                    r = new RuleRegistry(RuleDocs.loadAll());
                    builtin = r;
                }
            }
        }
        return r;
    }

    /** All rules, sorted by id. */
    public List<RuleMeta> all() {
        return List.copyOf(byId.values());
    }

    /** The rule with an id (case-insensitive), if documented. */
    public Optional<RuleMeta> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id.strip().toUpperCase(Locale.ROOT)));
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
        for (RuleMeta m : byId.values()) {
            if (m.family().equals(f)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The family prefixes present, sorted. */
    public List<String> families() {
        TreeSet<String> s = new TreeSet<>();
        for (RuleMeta m : byId.values()) {
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
        for (RuleMeta m : byId.values()) {
            if (m.name().equals(t)) {
                return List.of(m);
            }
        }
        return List.of();
    }

    public int size() {
        return byId.size();
    }
}
