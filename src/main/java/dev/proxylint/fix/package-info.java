/**
 * Fixes: {@link dev.proxylint.fix.Fixer} turns findings' edits into new file texts (an overlapping
 * edit waits for the next pass; files with syntax errors and results that parse worse are left
 * alone), {@link dev.proxylint.fix.SafeWrite} writes them safely and
 * {@link dev.proxylint.fix.FixLoop} runs {@code --fix}/{@code --diff} pass by pass. It may use
 * {@code engine} (to lint again), {@code rules} (findings), {@code syntax} and {@code source}; only
 * {@code cli} uses it, and it prints nothing itself.
 */
package dev.proxylint.fix;
