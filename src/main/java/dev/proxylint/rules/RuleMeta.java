package dev.proxylint.rules;

import java.util.List;

/**
 * A rule's documentation and defaults, read from {@code rules/<ID>.md}: front matter plus the
 * sections Why, Bad, Good and References. This is the one source for {@code explain}, SARIF rule
 * metadata and the README's rule table.
 *
 * @param id               stable id, e.g. {@code WS101}
 * @param name             kebab-case name, e.g. {@code upgrade-headers-missing}
 * @param title            one-line summary (SARIF shortDescription)
 * @param summary          first paragraph after the heading (SARIF fullDescription)
 * @param dialects         {@code nginx}, {@code apache} or both
 * @param level            default level
 * @param tags             e.g. websocket, security, tls
 * @param cwe              e.g. {@code CWE-326}; empty when none
 * @param precision        SARIF precision: very-high, high, medium, low
 * @param securitySeverity CVSS-like score as a string for security rules, or null
 * @param sources          reference URLs
 * @param markdown         the whole document body (after front matter), for SARIF help.markdown
 * @param text             the body as plain text, for SARIF help.text and {@code explain}
 */
public record RuleMeta(String id, String name, String title, String summary, List<String> dialects, Level level,
        List<String> tags, List<String> cwe, String precision, String securitySeverity, List<String> sources,
        String markdown, String text) {

    /** The family prefix: {@code WS} for {@code WS101}. */
    public String family() {
        int i = 0;
        while (i < id.length() && Character.isLetter(id.charAt(i))) {
            i++;
        }
        return id.substring(0, i);
    }

    /** Where the rule's doc lives in the repository (SARIF helpUri). */
    public String helpUri() {
        return "https://github.com/proxylint/proxylint/blob/main/rules/" + id + ".md";
    }
}
