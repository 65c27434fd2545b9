/**
 * Facts: server-neutral views of one resolved config (routes, TLS endpoints, HSTS headers,
 * WebSocket intent, version facts), built once per config by {@link dev.proxylint.facts.Facts} and
 * shared by every rule. Facts may use the models of {@code nginx} and {@code apache}, {@code syntax},
 * {@code source} and {@code tls}; they have their own settings and import nothing from {@code rules}
 * or any package above it.
 */
package dev.proxylint.facts;
