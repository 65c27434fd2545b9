package dev.proxylint.facts;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Resolved;
import java.util.List;
import java.util.Map;
import dev.proxylint.syntax.Timings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The facts of one resolved config, each computed once on first use and shared by every rule that
 * asks: the server model, the proxied routes, the TLS endpoints, and any further view a rule
 * registers with {@link #shared}. Safe to use from several rules at once: a fact is built by the
 * first caller while the others wait for it.
 */
public final class Facts {
    private final Resolved config;
    private final Dialect dialect;
    private final FactSettings settings;
    private final Map<Object, Once<?>> memo = new ConcurrentHashMap<>();

    public Facts(Resolved config, Dialect dialect, FactSettings settings) {
        this.config = config;
        this.dialect = dialect;
        this.settings = settings;
    }

    public Resolved config() {
        return config;
    }

    public Dialect dialect() {
        return dialect;
    }

    public FactSettings settings() {
        return settings;
    }

    /** The nginx model (contexts, inheritance, location index). */
    public NginxModel nginx() {
        return shared(NginxModel.class, () -> NginxModel.build(config));
    }

    /** The Apache model (main server, virtual hosts, ProxyPass and rewrite entries). */
    public ApacheModel apache() {
        return shared(ApacheModel.class, () -> ApacheModel.build(config));
    }

    /** Every proxied nginx route, in file order. */
    public List<NginxRoute> nginxRoutes() {
        return shared(NginxRoute.class, () -> List.copyOf(NginxRoute.all(nginx(), settings)));
    }

    /** Every Apache ProxyPass route, in file order. */
    public List<ApacheRoute> apacheRoutes() {
        return shared(ApacheRoute.class, () -> List.copyOf(ApacheRoute.all(apache(), settings)));
    }

    /** The TLS endpoints of this config (nginx TLS servers or Apache SSL virtual hosts), in file order. */
    public List<TlsEndpoint> tlsEndpoints() {
        return shared(TlsEndpoint.class, () -> List.copyOf(dialect == Dialect.NGINX
                ? TlsEndpoint.nginx(nginx(), settings) : TlsEndpoint.apache(apache(), settings)));
    }

    /**
     * A view computed once per config under a key (a class or a string naming the computation) and
     * shared from then on. {@code build} may ask for other facts, never for its own key.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Supplier<T> build) {
        Once<?> once = memo.computeIfAbsent(key, k -> new Once<>(build, k));
        return (T) once.get();
    }

    /** A value built at most once; callers that arrive while it is being built wait for it. */
    private static final class Once<T> {
        private Supplier<T> build;
        private T value;
        private final Object key;

        Once(Supplier<T> build, Object key) {
            this.build = build;
            this.key = key;
        }

        synchronized T get() {
            if (build != null) {
                long t0 = Timings.startCpu();
                value = build.get();
                build = null;
                Timings.addCpu("fact " + (key instanceof Class<?> c ? c.getSimpleName() : key), t0);
            }
            return value;
        }
    }
}
