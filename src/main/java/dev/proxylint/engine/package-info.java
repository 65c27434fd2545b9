/**
 * The lint run: discovery, reading and parsing in parallel, dialect detection, resolution (snippets
 * in the context of their main config), rules in parallel over shared facts, suppressions, baseline
 * and project configuration ({@code .proxylint.yml}, merged with the command line by
 * {@link dev.proxylint.engine.Settings}). The engine may use everything below it ({@code rules},
 * {@code facts}, the front ends, {@code syntax}, {@code source}, {@code tls}); {@code fix},
 * {@code report} and {@code cli} use it, never the other way round.
 */
package dev.proxylint.engine;
