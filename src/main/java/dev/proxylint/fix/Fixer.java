package dev.proxylint.fix;

import dev.proxylint.rules.Finding;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * point are applied in finding order. The new text is re-parsed before anything is written: if it has syntax problems
 * the original did not have, the file is left alone. Writes go to a temporary file in the same
 * directory which then replaces the original atomically, keeping its charset, BOM and permissions.
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
                int after = syntaxProblems.apply(reparseAs.apply(SourceFile.of(file.name(), text)));
                if (after > was) {
                    refusal = "the fixed text would not parse; left unchanged";
                }
            }
            out.add(new FileFix(file, text, applied, skipped, refusal));
        }
        return out;
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

    /** Writes a fixed file atomically, with its original charset, BOM and permissions. */
    public static void write(FileFix fix) throws IOException {
        Path target = fix.file().path();
        if (target == null) {
            throw new IOException(fix.file().name() + ": not a file on disk");
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".proxylint-tmp");
        try {
            ByteBuffer body = fix.file().charset().encode(fix.newText());
            byte[] bytes = new byte[body.remaining() + (fix.file().hasBom() ? 3 : 0)];
            int off = 0;
            if (fix.file().hasBom()) {
                bytes[0] = (byte) 0xEF;
                bytes[1] = (byte) 0xBB;
                bytes[2] = (byte) 0xBF;
                off = 3;
            }
            body.get(bytes, off, body.remaining());
            Files.write(tmp, bytes);
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException | IOException ignored) {
                // not a POSIX file system: the default permissions stay
            }
            Path real = target.toRealPath(); // write through a symlink, do not replace the link
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A unified diff of one file's fix (3 lines of context), as {@code --diff} prints it. */
    public static String diff(FileFix fix) {
        return UnifiedDiff.of(fix.file().name(), fix.file().text(), fix.newText());
    }
}
