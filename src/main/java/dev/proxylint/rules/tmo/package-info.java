/**
 * Timeout rules (TMO, and SYN003 for time values the servers refuse), one rule a class beside its
 * {@code rules/<ID>.md}. The computations several rules share live once: {@link NginxTimes} (nginx
 * time arguments and read timeouts) and {@link ApacheIdle} (Apache's idle limit of upgraded
 * connections), {@link ApacheTimeArgs} (Apache time values), each registered as a shared fact.
 */
package dev.proxylint.rules.tmo;
