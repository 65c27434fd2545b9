package dev.proxylint.rules;

import dev.proxylint.facts.Facts;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Resolved;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What a rule sees of one resolved config, and where it reports. */
public final class RuleContext {
    private final Resolved config;
    private final Dialect dialect;
    private final RuleSettings settings;
    private final Function<String, Level> defaultLevel;
    private final List<Finding> findings = new ArrayList<>();
    private final Facts facts;
    private final Map<Object, Set<String>> reportedAt = new IdentityHashMap<>();

    public RuleContext(Resolved config, Dialect dialect, RuleSettings settings, Function<String, Level> defaultLevel) {
        this(config, dialect, settings, defaultLevel, new Facts(config, dialect, settings.facts()));
    }

    /** A context over facts shared with other rules' contexts (the same config, computed once). */
    public RuleContext(Resolved config, Dialect dialect, RuleSettings settings, Function<String, Level> defaultLevel,
            Facts facts) {
        this.config = config;
        this.dialect = dialect;
        this.settings = settings;
        this.defaultLevel = defaultLevel;
        this.facts = facts;
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

    /** The facts of this config (model, routes, TLS endpoints), each computed once and shared by all rules. */
    public Facts facts() {
        return facts;
    }

    /**
     * True the first time a rule asks about a place (a directive, a scope: compared by identity),
     * false after: "report once per directive" for rules that meet the same directive through
     * several servers or routes, e.g. {@code if (ctx.once("TLS102", directive)) ctx.report(...)}.
     */
    public synchronized boolean once(String ruleId, Object where) {
        return reportedAt.computeIfAbsent(where, k -> new HashSet<>(2)).add(ruleId);
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
