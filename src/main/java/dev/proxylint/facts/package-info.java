/**
 * Facts: server-neutral views of one resolved config (routes, TLS endpoints, HSTS headers,
 * WebSocket intent, version facts), built once per config by {@link dev.proxylint.facts.Facts} and
 * shared by every rule. Facts have their own settings and import nothing from {@code rules}.
 */
package dev.proxylint.facts;
