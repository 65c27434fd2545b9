package dev.proxylint.fix;

import java.util.ArrayList;
import java.util.List;

/** A small line-based unified diff (LCS over lines; config files are small enough). */
final class UnifiedDiff {
    private UnifiedDiff() {
    }

    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int e = s.indexOf('\n', i);
            if (e < 0) {
                out.add(s.substring(i));
                break;
            }
            out.add(s.substring(i, e));
            i = e + 1;
        }
        return out;
    }

    static String of(String name, String a, String b) {
        List<String> x = lines(a);
        List<String> y = lines(b);
        // trim the common head and tail, diff the middle
        int head = 0;
        while (head < x.size() && head < y.size() && x.get(head).equals(y.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < x.size() - head && tail < y.size() - head
                && x.get(x.size() - 1 - tail).equals(y.get(y.size() - 1 - tail))) {
            tail++;
        }
        List<String> xm = x.subList(head, x.size() - tail);
        List<String> ym = y.subList(head, y.size() - tail);
        int n = xm.size();
        int m = ym.size();
        if ((long) n * m > 25_000_000L) {
            // too large for LCS: show the middle as one replacement
            return render(name, x, y, head, tail, ops(n, m, null, xm, ym));
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = xm.get(i).equals(ym.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        return render(name, x, y, head, tail, ops(n, m, lcs, xm, ym));
    }

    /** ' ', '-', '+' per line of the middle part. */
    private static List<char[]> ops(int n, int m, int[][] lcs, List<String> xm, List<String> ym) {
        List<char[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (lcs != null && i < n && j < m && xm.get(i).equals(ym.get(j))) {
                ops.add(new char[] {' '});
                i++;
                j++;
            } else if (j >= m || (i < n && (lcs == null || lcs[i + 1][j] >= lcs[i][j + 1]))) {
                ops.add(new char[] {'-'});
                i++;
            } else {
                ops.add(new char[] {'+'});
                j++;
            }
        }
        return ops;
    }

    private static String render(String name, List<String> x, List<String> y, int head, int tail, List<char[]> ops) {
        // full op list over the whole file
        List<Character> all = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            all.add(' ');
        }
        for (char[] o : ops) {
            all.add(o[0]);
        }
        for (int k = 0; k < tail; k++) {
            all.add(' ');
        }
        StringBuilder sb = new StringBuilder();
        // git's labels: "git apply" and "patch -p1" take the diff as it is
        sb.append("--- a/").append(name).append('\n').append("+++ b/").append(name).append('\n');
        int ctx = 3;
        int k = 0;
        int xi = 0;
        int yi = 0;
        while (k < all.size()) {
            if (all.get(k) == ' ') {
                k++;
                xi++;
                yi++;
                continue;
            }
            // a hunk: back up context, run until ctx*2 unchanged lines follow
            int start = Math.max(0, k - ctx);
            int hx = xi - (k - start);
            int hy = yi - (k - start);
            int end = k;
            int quiet = 0;
            while (end < all.size() && quiet <= ctx * 2) {
                quiet = all.get(end) == ' ' ? quiet + 1 : 0;
                end++;
            }
            end -= Math.max(0, quiet - ctx);
            StringBuilder body = new StringBuilder();
            int cx = 0;
            int cy = 0;
            int px = hx;
            int py = hy;
            for (int q = start; q < end; q++) {
                char c = all.get(q);
                if (c == ' ') {
                    body.append(' ').append(x.get(px++)).append('\n');
                    py++;
                    cx++;
                    cy++;
                } else if (c == '-') {
                    body.append('-').append(x.get(px++)).append('\n');
                    cx++;
                } else {
                    body.append('+').append(y.get(py++)).append('\n');
                    cy++;
                }
            }
            sb.append("@@ -").append(cx == 0 ? hx : hx + 1).append(',').append(cx)
                    .append(" +").append(cy == 0 ? hy : hy + 1).append(',').append(cy).append(" @@\n");
            sb.append(body);
            xi = px;
            yi = py;
            k = end;
        }
        return sb.toString();
    }
}
