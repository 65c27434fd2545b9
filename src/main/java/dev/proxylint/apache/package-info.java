/**
 * The Apache httpd front end: text to the shared syntax tree, then resolution as httpd reads it.
 *
 * <h2>Parsing ({@link dev.proxylint.apache.ApacheFrontend#parse})</h2>
 * <ol>
 * <li>{@link dev.proxylint.apache.LogicalLines}: a backslash right before a line break joins the
 * next physical line with nothing added (also inside quotes and comments); a map takes every logical
 * offset back to the physical file, so every token keeps its exact line and column.</li>
 * <li>The ANTLR lexer {@code grammars/ApacheConfLexer.g4} runs once over the logical text: comment
 * only when {@code #} is the first non-blank character, names and arguments split like httpd's
 * {@code ap_getword_conf}, and {@code RewriteRule}/{@code RewriteCond} arguments split like
 * mod_rewrite (a backslash-blank stays inside the token, no quote escapes). There is no ANTLR
 * parser: a line is a flat token list, and section nesting is done with an explicit stack in
 * {@code ApacheParser}, so 100,000 nested sections cost no Java stack.</li>
 * <li>Sections: {@code <Name args>} becomes one Directive named {@code Name} with a block; httpd's
 * messages for a stray, mismatched or unclosed section and a missing {@code >}. As in httpd, an
 * open conditional section ({@code <IfModule>}, {@code <IfDefine>}, ...) at end of file is not an
 * error by itself (a true one reads to EOF); the resolver reports it when the condition is false.</li>
 * <li>Unterminated quotes are not errors (httpd takes the rest of the line); NUL bytes are SYN002.</li>
 * </ol>
 *
 * <h2>Resolution ({@link dev.proxylint.apache.ApacheFrontend#resolve})</h2>
 * Read order, explicit stack, output made of copies (parsed trees are shared and never modified):
 * {@code Define}/{@code UnDefine} and {@code ${VAR}} on the whole argument text, then re-tokenized;
 * a {@code Define} without value only defines the name for {@code <IfDefine>} (httpd leaves
 * {@code ${NAME}} alone then). {@code ResolveOptions.defines()}: every key is defined, a non-empty
 * value also makes a variable. The process environment is not consulted (deterministic results);
 * pass variables like Debian's {@code APACHE_LOG_DIR} as defines.
 * {@code ServerRoot}, {@code Include}/{@code IncludeOptional} with wildcards in any component
 * (leading dots must match explicitly), directories read recursively, names in byte order; limits:
 * include depth 128 (httpd's), 50,000 files, 100,000 macro uses.
 * Modules for {@code <IfModule>}: {@code LoadModule} lines read so far, {@code options.modules()},
 * and the modules compiled into Debian's apache2 ({@code apache2 -l}): core, mod_so, mod_watchdog,
 * http_core, mod_log_config, mod_logio, mod_version, mod_unixd. A module not seen is FALSE only when
 * {@code options.modulesKnown()}, else UNKNOWN. {@code <IfVersion>} uses
 * {@code options.apacheVersion()} (UNKNOWN when null); {@code <IfFile>}, {@code <IfDirective>},
 * {@code <IfSection>} are UNKNOWN. Macros ({@code mod_macro}): parameters replaced in the body
 * text (longest name first; {@code @param} values are inserted double-quoted), the text re-parsed;
 * produced directives take the span of the {@code Use} and have it as {@code via}.
 */
package dev.proxylint.apache;
