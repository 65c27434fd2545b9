package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import java.util.function.Consumer;

/** Visits every http-side scope of an nginx model once (map, upstream and stream bodies skipped). */
final class NginxScopes {
    private NginxScopes() {
    }

    /** Visits the http-side scopes that own a directive named {@code name} (see {@link NginxModel#owning}). */
    static void with(NginxModel m, String name, Consumer<Scope> visit) {
        for (Scope s : m.owning(name)) {
            visit.accept(s);
        }
    }

    static void each(NginxModel m, Consumer<Scope> visit) {
        m.eachHttpScope(visit);
    }
}
