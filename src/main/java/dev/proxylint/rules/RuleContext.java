package dev.proxylint.rules;

import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Resolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** What a rule sees of one resolved config, and where it reports. */
public final class RuleContext {
    private final Resolved config;
    private final Dialect dialect;
    private final RuleSettings settings;
    private final Function<String, Level> defaultLevel;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Object, Object> models = new ConcurrentHashMap<>();

    public RuleContext(Resolved config, Dialect dialect, RuleSettings settings, Function<String, Level> defaultLevel) {
        this.config = config;
        this.dialect = dialect;
        this.settings = settings;
        this.defaultLevel = defaultLevel;
    }

    public Resolved config() {
        return config;
    }

    public Dialect dialect() {
        return dialect;
    }

    public RuleSettings settings() {
        return settings;
    }

    /**
     * A model or fact view computed once per config and shared by all rules, e.g.
     * {@code ctx.model(NginxModel.class, NginxModel::build)}.
     */
    @SuppressWarnings("unchecked")
    public <T> T model(Object key, Function<Resolved, T> build) {
        Object v = models.get(key);
        if (v == null) {
            v = build.apply(config);
            Object prev = models.putIfAbsent(key, v);
            if (prev != null) {
                v = prev;
            }
        }
        return (T) v;
    }

    public synchronized void report(Finding f) {
        findings.add(f);
    }

    /** Reports at the rule's default level. */
    public void report(String ruleId, Span span, String message) {
        report(new Finding(ruleId, defaultLevel.apply(ruleId), message, span));
    }

    public void report(String ruleId, Span span, String message, List<Related> related, Fix fix) {
        report(new Finding(ruleId, defaultLevel.apply(ruleId), message, span, related, fix));
    }

    public Level defaultLevel(String ruleId) {
        return defaultLevel.apply(ruleId);
    }

    public synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }
}
