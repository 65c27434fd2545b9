/**
 * The lint run: discovery, reading and parsing in parallel, dialect detection, resolution (snippets
 * in the context of their main config), rules in parallel over shared facts, suppressions, baseline
 * and project configuration ({@code .proxylint.yml}).
 */
package dev.proxylint.engine;
