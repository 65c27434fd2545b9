package dev.proxylint.apache;

import java.util.Arrays;

/**
 * httpd's line reader (ap_cfg_getline): a physical line whose last character before the line break
 * ({@code \n} or {@code \r\n}) is a backslash is joined with the next physical line, the backslash
 * and the line break removed and nothing added; this happens everywhere, also inside quotes and
 * comments. A backslash at the very end of the file (no line break after it) stays literal.
 *
 * <p>{@link #toPhysical(int)} maps a logical offset
 * back to an offset of the physical text: the joins are a piecewise-linear map, kept as segment
 * starts.
 */
public final class LogicalLines {
    private final String text;
    private final int[] segLogical;
    private final int[] segPhysical;
    private final int segments;
    private int cursor; // not thread-safe: one LogicalLines per parse

    private LogicalLines(String text, int[] segLogical, int[] segPhysical, int segments) {
        this.text = text;
        this.segLogical = segLogical;
        this.segPhysical = segPhysical;
        this.segments = segments;
    }

    /** Joins the continuation lines of a physical text. */
    public static LogicalLines of(String physical) {
        int n = physical.length();
        int first = nextContinuation(physical, 0);
        if (first < 0) {
            return new LogicalLines(physical, new int[] {0}, new int[] {0}, 1);
        }
        StringBuilder sb = new StringBuilder(n + 1);
        int[] sl = new int[16];
        int[] sp = new int[16];
        int segs = 1;
        int from = 0;
        int at = first;
        while (at >= 0) {
            sb.append(physical, from, at);
            int skip = physical.charAt(at + 1) == '\r' ? 3 : 2;
            from = at + skip;
            if (segs == sl.length) {
                sl = Arrays.copyOf(sl, segs * 2);
                sp = Arrays.copyOf(sp, segs * 2);
            }
            sl[segs] = sb.length();
            sp[segs] = from;
            segs++;
            at = nextContinuation(physical, from);
        }
        sb.append(physical, from, n);
        return new LogicalLines(sb.toString(), sl, sp, segs);
    }

    /** Offset of the next backslash that continues a line, at or after {@code from}, or -1. */
    private static int nextContinuation(String s, int from) {
        int i = s.indexOf('\\', from);
        int n = s.length();
        while (i >= 0) {
            if (i + 1 < n && s.charAt(i + 1) == '\n') {
                return i;
            }
            if (i + 2 < n && s.charAt(i + 1) == '\r' && s.charAt(i + 2) == '\n') {
                return i;
            }
            i = s.indexOf('\\', i + 1);
        }
        return -1;
    }

    /** The joined text (the same String as the input when nothing was joined). */
    public String text() {
        return text;
    }

    /** Whether any physical lines were joined. */
    public boolean joined() {
        return segments > 1;
    }

    /** The physical offset of the character at a logical offset. */
    public int toPhysical(int logical) {
        if (segments == 1) {
            return logical;
        }
        // callers mostly ask in increasing order: try the segment of the last answer first
        int c = cursor;
        if (segLogical[c] <= logical && (c + 1 == segments || segLogical[c + 1] > logical)) {
            return segPhysical[c] + (logical - segLogical[c]);
        }
        if (c + 1 < segments && segLogical[c + 1] <= logical && (c + 2 == segments || segLogical[c + 2] > logical)) {
            cursor = c + 1;
            return segPhysical[c + 1] + (logical - segLogical[c + 1]);
        }
        int i = Arrays.binarySearch(segLogical, 0, segments, logical);
        if (i < 0) {
            i = -i - 2;
        } else {
            // several segments can start at the same logical offset (empty joined lines): take the last
            while (i + 1 < segments && segLogical[i + 1] == logical) {
                i++;
            }
        }
        cursor = i;
        return segPhysical[i] + (logical - segLogical[i]);
    }

    /** The physical end (exclusive) of a non-empty logical range ending (exclusive) at {@code logicalEnd}. */
    public int toPhysicalEnd(int logicalEnd) {
        if (segments == 1) {
            return logicalEnd;
        }
        return toPhysical(logicalEnd - 1) + 1;
    }
}
