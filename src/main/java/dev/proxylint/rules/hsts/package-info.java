/**
 * The HSTS rules (HSTS101–HSTS106), one class per rule id beside its doc {@code rules/HSTS1xx.md}:
 * Strict-Transport-Security on TLS endpoints is present, sent always, well-formed and long enough.
 * {@link HstsHeaders} collects, once per config, the headers they judge and the nginx locations that
 * drop the server's header.
 */
package dev.proxylint.rules.hsts;
