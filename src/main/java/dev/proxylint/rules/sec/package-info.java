/**
 * Other security rules (SEC): settings that expose the proxy or its backends beyond what it is
 * meant to serve, one rule a class beside its {@code rules/SEC*.md}.
 */
package dev.proxylint.rules.sec;
