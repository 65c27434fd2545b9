/**
 * The TLS rules (TLS101–TLS116), one class per rule id beside its doc {@code rules/TLS1xx.md}, each
 * reading the config's shared {@link dev.proxylint.facts.TlsEndpoint TLS endpoints}, models and routes.
 * What several rules share lives in small package-private helpers: {@link TlsText} (wording),
 * {@link TlsFixes} (the profile's lines and fixes), {@link CipherFindings} (TLS103/TLS104's cipher
 * classification), {@link Tls13Settings} (each endpoint's TLS 1.3 list, computed once per config);
 * {@link TlsEdits} holds the edits TLS and HSTS fixes make.
 */
package dev.proxylint.rules.tls;
