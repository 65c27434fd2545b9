package dev.proxylint.engine;

import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Frontend;
import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The dialect front ends, found through {@link ServiceLoader} so that the engine depends only on
 * the {@link Frontend} contract (each front end registers itself in META-INF/services).
 */
public final class Frontends {
    private static final Map<Dialect, Frontend> BY_DIALECT = load();

    private Frontends() {
    }

    private static Map<Dialect, Frontend> load() {
        Map<Dialect, Frontend> m = new EnumMap<>(Dialect.class);
        for (Frontend f : ServiceLoader.load(Frontend.class, Frontends.class.getClassLoader())) {
            m.put(f.dialect(), f);
        }
        return m;
    }

    public static Frontend get(Dialect d) {
        Frontend f = BY_DIALECT.get(d);
        if (f == null) {
            throw new IllegalStateException("no front end for " + d.id() + " in this build");
        }
        return f;
    }
}
