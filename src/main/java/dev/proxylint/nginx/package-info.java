/**
 * The nginx front end.
 *
 * <ul>
 *   <li>{@link dev.proxylint.nginx.NginxFrontend}: {@code parse(SourceFile)} gives the lossless tree
 *       ({@code SYN001} syntax problems placed where nginx reports them, {@code SYN002} for binary
 *       input); {@code resolve(root, options, loader)} expands {@code include} ({@code CFG101},
 *       {@code CFG102}, {@code CFG103}, {@code CFG106}; {@code CFG107} for a host path a repository scan does not read).</li>
 *   <li>{@link dev.proxylint.nginx.NginxDump}: {@code nginx -T} output. Check
 *       {@code NginxDump.isDump(file)} before parsing an input; then {@code NginxDump.resolve(file,
 *       options)} (or {@code split} + {@code loader} + {@code NginxFrontend.resolve}). Dumped files
 *       keep their original paths and their own line numbers.</li>
 *   <li>files on disk are read through {@link dev.proxylint.syntax.ParseCache}, each once.</li>
 *   <li>{@link dev.proxylint.nginx.NginxPrinter}: canonical text of a tree.</li>
 * </ul>
 *
 * <p>The tokens come from the ANTLR lexer {@code grammars/NginxLexer.g4} (generated into
 * {@code dev.proxylint.nginx.antlr}), driven directly by {@code NginxReader} with an explicit stack.
 */
package dev.proxylint.nginx;
