package dev.proxylint.report;

import dev.proxylint.source.SourceFile;

/**
 * GitHub code scanning's {@code primaryLocationLineHash}, computed the way github/codeql-action's
 * fingerprinting does it, so that alerts keep their identity when lines move.
 *
 * <p>The algorithm: walk the file's UTF-16 code units; drop spaces and tabs, drop an LF directly
 * after a CR, turn every other CR into LF; append one end-of-file code (65535). Over the resulting
 * sequence keep a polynomial rolling hash of the last 100 codes,
 * {@code h = h * 37 + c - 37^100 * c_out} in wrapping signed 64-bit arithmetic. For each line, the
 * value when the window starts with that line's first code (the 100 codes from there, zero-padded
 * after the end) is printed as unsigned hex, and suffixed with {@code :n}, n counting how often
 * that hex value has occurred so far in the file (1 for the first).
 */
public final class LineHash {
    private static final int BLOCK = 100;
    private static final long MOD = 37;
    private static final int EOF = 65535;
    private static final long FIRST_MOD;

    static {
        long m = 1;
        for (int i = 0; i < BLOCK; i++) {
            m *= MOD;
        }
        FIRST_MOD = m;
    }

    private LineHash() {
    }

    /** The hashes of every line of a file: index 0 is line 1. May have one extra entry after the last line. */
    public static String[] compute(SourceFile file) {
        String text = file.hasBom() ? "\uFEFF" + file.text() : file.text();
        return compute(text);
    }

    /** The hashes of every line of a text: index 0 is line 1. */
    public static String[] compute(CharSequence text) {
        Hasher h = new Hasher();
        for (int i = 0, n = text.length(); i < n; i++) {
            h.process(text.charAt(i));
        }
        h.process(EOF);
        h.flush();
        return h.result();
    }

    private static final class Hasher {
        final int[] window = new int[BLOCK];
        final int[] lineNumbers = new int[BLOCK];
        final java.util.HashMap<String, Integer> counts = new java.util.HashMap<>();
        String[] out = new String[64];
        int outCount;
        long hash;
        int index;
        int lineNumber;
        boolean lineStart = true;
        boolean prevCr;

        Hasher() {
            java.util.Arrays.fill(lineNumbers, -1);
        }

        void process(int c) {
            if (c == ' ' || c == '\t' || (prevCr && c == '\n')) {
                prevCr = false;
                return;
            }
            if (c == '\r') {
                c = '\n';
                prevCr = true;
            } else {
                prevCr = false;
            }
            if (lineNumbers[index] != -1) {
                emit();
            }
            if (lineStart) {
                lineStart = false;
                lineNumber++;
                lineNumbers[index] = lineNumber;
            }
            if (c == '\n') {
                lineStart = true;
            }
            update(c);
        }

        void update(int c) {
            int begin = window[index];
            window[index] = c;
            hash = MOD * hash + c - FIRST_MOD * begin;
            index = (index + 1) % BLOCK;
        }

        void emit() {
            String hex = Long.toUnsignedString(hash, 16);
            int n = counts.merge(hex, 1, Integer::sum);
            int line = lineNumbers[index];
            if (line > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(line, out.length * 2));
            }
            out[line - 1] = hex + ":" + n;
            outCount = Math.max(outCount, line);
            lineNumbers[index] = -1;
        }

        void flush() {
            for (int i = 0; i < BLOCK; i++) {
                if (lineNumbers[index] != -1) {
                    emit();
                }
                update(0);
            }
        }

        String[] result() {
            return java.util.Arrays.copyOf(out, outCount);
        }
    }
}
