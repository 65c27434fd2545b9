package dev.proxylint.rules;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders rule docs: plain text (explain, SARIF help.text) and the README's markdown rule table. */
public final class RuleDocsRenderer {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");
    private static final Pattern AUTOLINK = Pattern.compile("<(https?://[^>\\s]+)>");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__)(.+?)\\1");

    private RuleDocsRenderer() {
    }

    /**
     * Markdown body to plain text: headings lose their {@code #} marks (section headings are
     * underlined), code fences become 4-space indented blocks, links become {@code text (url)},
     * inline code and bold markers are dropped.
     */
    public static String plainText(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence) {
                out.append(line.isEmpty() ? "" : "    " + line).append('\n');
                continue;
            }
            if (line.startsWith("## ")) {
                String h = line.substring(3).strip();
                out.append(h).append('\n').append("-".repeat(h.length())).append('\n');
                continue;
            }
            if (line.startsWith("# ")) {
                String h = line.substring(2).strip();
                out.append(h).append('\n').append("=".repeat(h.length())).append('\n');
                continue;
            }
            out.append(inline(line)).append('\n');
        }
        String s = out.toString();
        while (s.endsWith("\n\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String inline(String line) {
        String s = line;
        if (s.indexOf('[') >= 0) {
            Matcher m = LINK.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String text = m.group(1);
                String url = m.group(2);
                m.appendReplacement(sb, Matcher.quoteReplacement(text.equals(url) ? url : text + " (" + url + ")"));
            }
            m.appendTail(sb);
            s = sb.toString();
        }
        if (s.indexOf('<') >= 0) {
            s = AUTOLINK.matcher(s).replaceAll("$1");
        }
        if (s.indexOf('*') >= 0 || s.indexOf("__") >= 0) {
            s = EMPHASIS.matcher(s).replaceAll("$2");
        }
        return s.replace("`", "");
    }

    /** The text {@code proxylint explain ID} prints. */
    public static String explain(RuleMeta m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.id()).append(' ').append(m.name()).append(": ").append(m.title()).append('\n');
        sb.append("level: ").append(m.level().id());
        sb.append("    dialects: ").append(String.join(", ", m.dialects()));
        if (!m.tags().isEmpty()) {
            sb.append("    tags: ").append(String.join(", ", m.tags()));
        }
        sb.append('\n');
        if (!m.cwe().isEmpty()) {
            sb.append("cwe: ").append(String.join(", ", m.cwe()));
            if (m.securitySeverity() != null) {
                sb.append("    security-severity: ").append(m.securitySeverity());
            }
            sb.append('\n');
        } else if (m.securitySeverity() != null) {
            sb.append("security-severity: ").append(m.securitySeverity()).append('\n');
        }
        sb.append("docs: ").append(m.helpUri()).append("\n\n");
        sb.append(m.text());
        if (!m.text().endsWith("\n")) {
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The README's rule table: one row per rule, in the given order. */
    public static String markdownTable(Collection<RuleMeta> rules) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ID | Name | Level | Dialects | Summary |\n");
        sb.append("|---|---|---|---|---|\n");
        for (RuleMeta m : rules) {
            sb.append("| [").append(m.id()).append("](rules/").append(m.id()).append(".md) | `")
                    .append(m.name()).append("` | ").append(m.level().id()).append(" | ")
                    .append(String.join(", ", m.dialects())).append(" | ").append(cell(m.title())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** Helper for tests and callers: the ids of some rules. */
    public static List<String> ids(Collection<RuleMeta> rules) {
        return rules.stream().map(RuleMeta::id).toList();
    }
}
