package dev.proxylint.source;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function's result per distinct text, for the texts a fleet config repeats in
 * every server (listen arguments, location patterns): each is computed once per run instead of
 * once per server. Bounded: when it holds {@code limit} entries it starts over, so an unusual
 * config with millions of distinct texts costs time, never memory. Thread-safe; a null result is
 * remembered too.
 */
public final class BoundedMemo<V> {
    private static final Object NULL = new Object();
    private final int limit;
    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

    public BoundedMemo(int limit) {
        this.limit = limit;
    }

    /** {@code compute.apply(key)}, computed on the first call for this key (two threads may both compute it). */
    @SuppressWarnings("unchecked")
    public V get(String key, Function<String, V> compute) {
        Object known = map.get(key);
        if (known == null) {
            V v = compute.apply(key);
            known = v == null ? NULL : v;
            if (map.size() >= limit) {
                map.clear();
            }
            map.put(key, known);
        }
        return known == NULL ? null : (V) known;
    }
}
