package dev.proxylint.engine;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Inline suppressions. A comment line {@code # proxylint-ignore: WS101, TLS201 -- reason} directly
 * above a directive or block opener (other comment lines may stand between) suppresses those rules
 * on that directive's first line; {@code # proxylint-ignore-file: …} suppresses them in the whole
 * file. Both dialects use the line above because Apache forbids comments after a directive.
 * An ignore without a reason or naming an unknown rule is reported (CFG201), and so is one that
 * suppressed nothing (CFG202).
 */
public final class Suppressions {
    static final String MARK = "proxylint-ignore";

    /** One ignore comment. */
    static final class Entry {
        final Span span;
        final boolean wholeFile;
        final Set<String> ids;
        final int targetLine;
        final Set<String> used = new LinkedHashSet<>();

        Entry(Span span, boolean wholeFile, Set<String> ids, int targetLine) {
            this.span = span;
            this.wholeFile = wholeFile;
            this.ids = ids;
            this.targetLine = targetLine;
        }

        boolean covers(String ruleId) {
            for (String id : ids) {
                if (id.equals(ruleId) || (id.chars().allMatch(Character::isLetter) && ruleId.startsWith(id)
                        && ruleId.length() > id.length() && Character.isDigit(ruleId.charAt(id.length())))) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<SourceFile, List<Entry>> byFile = new HashMap<>();
    private final List<Finding> problems = new ArrayList<>();

    /**
     * Reads the ignore comments of these files.
     *
     * @param knownId whether an id or family names a rule proxylint has
     */
    public Suppressions(Iterable<SourceFile> files, Predicate<String> knownId, java.util.function.Function<String, Level> level) {
        for (SourceFile f : files) {
            String t = f.text();
            int at = t.indexOf(MARK);
            while (at >= 0) {
                int line = f.line(at);
                scanLine(f, line, knownId, level);
                at = t.indexOf(MARK, f.lineEnd(line));
            }
        }
    }

    private void scanLine(SourceFile f, int line, Predicate<String> knownId, java.util.function.Function<String, Level> level) {
        String text = f.lineText(line);
        int hash = 0;
        while (hash < text.length() && (text.charAt(hash) == ' ' || text.charAt(hash) == '\t')) {
            hash++;
        }
        if (hash >= text.length() || text.charAt(hash) != '#') {
            return; // not a comment line: the word appears in an argument
        }
        String body = text.substring(hash + 1).trim();
        boolean wholeFile;
        if (body.startsWith(MARK + "-file:")) {
            wholeFile = true;
            body = body.substring((MARK + "-file:").length());
        } else if (body.startsWith(MARK + ":")) {
            wholeFile = false;
            body = body.substring((MARK + ":").length());
        } else {
            return;
        }
        int start = f.lineStart(line) + hash;
        Span span = new Span(f, start, f.lineEnd(line));
        String reason = null;
        int dd = body.indexOf("--");
        if (dd >= 0) {
            reason = body.substring(dd + 2).trim();
            body = body.substring(0, dd);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String part : body.split("[,\\s]+")) {
            String id = part.trim().toUpperCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (!knownId.test(id)) {
                problems.add(new Finding("CFG201", level.apply("CFG201"),
                        "Suppression names unknown rule '" + part.trim() + "'. Check the id with 'proxylint rules'.", span));
                continue;
            }
            ids.add(id);
        }
        if (ids.isEmpty() && problems.stream().noneMatch(p -> p.span().equals(span))) {
            problems.add(new Finding("CFG201", level.apply("CFG201"),
                    "Suppression names no rule. Write '# " + MARK + ": ID -- reason'.", span));
        }
        if (reason == null || reason.isEmpty()) {
            problems.add(new Finding("CFG201", level.apply("CFG201"),
                    "Suppression has no reason. Add one after '--' so the next reader knows why.", span));
        }
        int target = line + 1;
        while (target <= f.lineCount()) {
            String lt = f.lineText(target).trim();
            if (!lt.startsWith("#")) {
                break;
            }
            target++;
        }
        byFile.computeIfAbsent(f, k -> new ArrayList<>()).add(new Entry(span, wholeFile, ids, target));
    }

    /** Whether a finding is suppressed; marks the suppression used. */
    public boolean suppresses(Finding finding) {
        List<Entry> entries = byFile.get(finding.span().file());
        if (entries == null) {
            return false;
        }
        int line = finding.span().startLine();
        for (Entry e : entries) {
            if ((e.wholeFile || e.targetLine == line) && e.covers(finding.ruleId())) {
                synchronized (e) {
                    e.used.add(finding.ruleId());
                }
                return true;
            }
        }
        return false;
    }

    /** Problems with the suppressions themselves; call after every finding went through {@link #suppresses}. */
    public List<Finding> problems(Predicate<String> enabled, java.util.function.Function<String, Level> level) {
        List<Finding> out = new ArrayList<>(problems);
        for (List<Entry> entries : byFile.values()) {
            for (Entry e : entries) {
                for (String id : e.ids) {
                    boolean used = e.used.stream().anyMatch(u -> u.equals(id) || u.startsWith(id));
                    if (!used && (enabled.test(id) || id.chars().allMatch(Character::isLetter))) {
                        out.add(new Finding("CFG202", level.apply("CFG202"),
                                "Suppression of " + id + " suppressed nothing. Remove it, or move it directly above "
                                        + "the directive it is meant for.", e.span));
                    }
                }
            }
        }
        return out;
    }
}
