package dev.proxylint.fix;

import dev.proxylint.rules.Finding;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies the fixes of findings. Per file, edits are sorted and an edit that overlaps one already
 * taken is left for a later run (its finding stays); a fix whose edits cannot all be taken is
 * skipped whole. Identical edits from several findings are applied once; insertions at the same
 * point are applied in finding order. A file with syntax problems is never edited. The new text is
 * re-parsed before anything is written: if it has syntax problems the original did not have, or its
 * directives outside the edits differ, the file is left alone. Writes go through {@link SafeWrite}.
 */
public final class Fixer {

    /** The result for one file. */
    public record FileFix(SourceFile file, String newText, int applied, int skipped, String refusal) {
        public boolean changed() {
            return refusal == null && !newText.equals(file.text());
        }
    }

    /**
     * Computes the fixed text of every file touched by a fix.
     *
     * @param syntaxProblems counts a text's syntax problems (the file's front end), to refuse edits
     *                       that would break the file
     */
    public static List<FileFix> plan(List<Finding> findings, Function<SourceFile, Integer> syntaxProblems,
            Function<SourceFile, SourceFile> reparseAs) {
        return plan(findings, syntaxProblems, syntaxProblems, reparseAs);
    }

    /**
     * As {@link #plan(List, Function, Function)}, with the count for the unedited files given
     * separately ({@code before}), e.g. from the lint run's own parse, so that only the edited text
     * is parsed again.
     */
    public static List<FileFix> plan(List<Finding> findings, Function<SourceFile, Integer> before,
            Function<SourceFile, Integer> syntaxProblems, Function<SourceFile, SourceFile> reparseAs) {
        return planWith(findings, before, f -> new Checked(syntaxProblems.apply(reparseAs.apply(f)), null), null);
    }

    /** What a re-parse of a text tells the planner: its syntax problems and, if known, its parse. */
    public record Checked(int syntaxProblems, ParsedFile parse) {
    }

    /**
     * The planner with the full check: {@code parse} parses a text with the file's front end. A file
     * whose unedited text has syntax problems is never edited (its spans cannot be trusted); a fixed
     * text that has more syntax problems, or whose directives outside the edited spans differ from
     * the original's (another name, other arguments, other nesting), is refused.
     *
     * @param before the unedited file's syntax problem count (from the run's own parse)
     * @param parse  parses a text (the original, for the structure check, and the edited one)
     */
    public static List<FileFix> planChecked(List<Finding> findings, Function<SourceFile, Integer> before,
            Function<SourceFile, ParsedFile> parse) {
        return planWith(findings, before, f -> {
            ParsedFile pf = parse.apply(f);
            int n = (int) pf.problems().stream().filter(p -> p.ruleId().startsWith("SYN")).count();
            return new Checked(n, pf);
        }, parse);
    }

    private static List<FileFix> planWith(List<Finding> findings, Function<SourceFile, Integer> before,
            Function<SourceFile, Checked> check, Function<SourceFile, ParsedFile> parseOriginal) {
        Map<SourceFile, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.fix() == null || f.fix().edits().isEmpty()) {
                continue;
            }
            SourceFile file = f.fix().edits().get(0).file();
            boolean single = f.fix().edits().stream().allMatch(e -> e.file() == file);
            if (!single) {
                continue; // multi-file fixes are offered in reports but not applied blindly
            }
            byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(f);
        }
        List<FileFix> out = new ArrayList<>();
        for (var e : byFile.entrySet()) {
            SourceFile file = e.getKey();
            List<TextEdit> taken = new ArrayList<>();
            int applied = 0;
            int skipped = 0;
            for (Finding f : e.getValue()) {
                List<TextEdit> edits = f.fix().edits();
                boolean clash = false;
                List<TextEdit> fresh = new ArrayList<>();
                for (TextEdit a : edits) {
                    if (taken.contains(a)) {
                        continue; // the same edit from another finding (e.g. one shared map block)
                    }
                    for (TextEdit b : taken) {
                        if (overlaps(a, b)) {
                            clash = true;
                        }
                    }
                    fresh.add(a);
                }
                if (clash) {
                    skipped++;
                    continue;
                }
                taken.addAll(fresh);
                applied++;
            }
            String text = apply(file.text(), taken);
            String refusal = null;
            if (!text.equals(file.text())) {
                int was = before.apply(file);
                if (was > 0) {
                    refusal = "has " + was + " syntax error(s); no fix is applied to a file that does not parse"
                            + " (fix the syntax first)";
                } else {
                    Checked after = check.apply(SourceFile.of(file.name(), text));
                    if (after.syntaxProblems() > was) {
                        refusal = "the fixed text would not parse; left unchanged";
                    } else if (after.parse() != null && parseOriginal != null
                            && !sameOutsideEdits(parseOriginal.apply(file), after.parse(), taken)) {
                        refusal = "the fix would change directives outside its edits; left unchanged";
                    }
                }
            }
            out.add(new FileFix(file, text, applied, skipped, refusal));
        }
        return out;
    }

    /**
     * Whether the directives of two parses that lie outside the edited spans are the same, in the same
     * order and nesting: name and argument values. {@code edits} are in the original's offsets; their
     * replacements' spans in the new text are derived from them.
     */
    static boolean sameOutsideEdits(ParsedFile original, ParsedFile edited, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        List<int[]> oldSpans = new ArrayList<>();
        List<int[]> newSpans = new ArrayList<>();
        int delta = 0;
        for (TextEdit t : sorted) {
            oldSpans.add(new int[] {t.start(), t.end()});
            int ns = t.start() + delta;
            newSpans.add(new int[] {ns, ns + t.replacement().length()});
            delta += t.replacement().length() - (t.end() - t.start());
        }
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        signatures(original.items(), 0, oldSpans, a);
        signatures(edited.items(), 0, newSpans, b);
        return a.equals(b);
    }

    private static void signatures(List<Node> items, int depth, List<int[]> spans, List<String> out) {
        for (Node n : items) {
            if (!(n instanceof Directive d)) {
                continue;
            }
            int hs = d.start();
            int he = d.hasBlock() ? d.blockOpen() + 1 : d.end();
            boolean touched = false;
            for (int[] sp : spans) {
                // closed intervals on both sides, so that a directive an edit touches at either end
                // (an argument appended, a line inserted right before it) is left out of both lists
                if (sp[0] <= he && sp[1] >= hs) {
                    touched = true;
                    break;
                }
            }
            if (!touched) {
                out.add(depth + " " + d.name() + " " + d.values());
            }
            if (d.hasBlock()) {
                signatures(d.children(), depth + 1, spans, out);
            }
        }
    }

    static boolean overlaps(TextEdit a, TextEdit b) {
        boolean ai = a.start() == a.end();
        boolean bi = b.start() == b.end();
        if (ai && bi) {
            return false; // insertions at one point go in finding order (findings are sorted)
        }
        if (ai || bi) {
            TextEdit ins = ai ? a : b;
            TextEdit other = ai ? b : a;
            return ins.start() > other.start() && ins.start() < other.end();
        }
        return a.start() < b.end() && b.start() < a.end();
    }

    /** Applies non-overlapping edits to a text; insertions at one offset keep their given order. */
    public static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        StringBuilder sb = new StringBuilder(text.length() + 256);
        int pos = 0;
        for (TextEdit e : sorted) {
            sb.append(text, pos, e.start());
            sb.append(e.replacement());
            pos = Math.max(pos, e.end());
        }
        sb.append(text, pos, text.length());
        return sb.toString();
    }

    /** Writes a fixed file safely; see {@link SafeWrite}. */
    public static void write(FileFix fix) throws IOException {
        Path target = fix.file().path();
        if (target == null) {
            throw new IOException(fix.file().name() + ": not a file on disk");
        }
        SafeWrite.replace(target, SafeWrite.expect(fix.file()), SafeWrite.encode(fix.file(), fix.newText()));
    }

    /** A unified diff of one file's fix (3 lines of context), as {@code --diff} prints it. */
    public static String diff(FileFix fix, String name) {
        return UnifiedDiff.of(name, fix.file().text(), fix.newText());
    }
}
