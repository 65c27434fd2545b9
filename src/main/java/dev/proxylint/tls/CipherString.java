package dev.proxylint.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates OpenSSL cipher strings ({@code ssl_ciphers}, {@code SSLCipherSuite},
 * {@code SSLProxyCipherSuite}) the way {@code SSL_CTX_set_cipher_list} of OpenSSL 3.0 or 1.1.1 does
 * (chosen by the table), from the documented semantics (ciphers(1)) checked by experiment against
 * both {@code openssl} binaries. The two releases parse strings alike; they differ in their tables
 * (1.1.1 has SEED suites, in MEDIUM) and in one alias ({@code CBC} is new in 3.0, see
 * {@link Aliases}):
 * <ul>
 * <li>items are separated by ':', ',', ';' or space; an item is an optional operator and words
 * joined by '+' (intersection); words are [A-Za-z0-9.=-]+ and case-sensitive;</li>
 * <li>no operator adds matching suites (at the end, in the list's current order); '-' removes them
 * (they move to the front of the inactive pool and can be added again); '!' removes them for good;
 * '+' moves matching active suites to the end; '@STRENGTH' sorts active suites by strength,
 * stably; '@SECLEVEL=n' (0..5) sets the security level;</li>
 * <li>unknown words are ignored (the whole item is skipped); a malformed item (empty word, bad
 * character, unknown '@' command) makes OpenSSL reject the whole string;</li>
 * <li>a string starting with "DEFAULT" first applies OpenSSL's default list
 * ({@value #OPENSSL_DEFAULT}); one starting with SUITEB128ONLY/SUITEB128C2/SUITEB128/SUITEB192 is
 * replaced by the Suite B list;</li>
 * <li>if no TLS 1.2-and-older suite remains, OpenSSL fails with "no cipher match".</li>
 * </ul>
 * The initial order before any rule applies is OpenSSL's preference order, stored as the row order
 * of the cipher table.
 */
public final class CipherString {
    /** What OpenSSL 3.0 and 1.1.1 expand a leading DEFAULT to. */
    public static final String OPENSSL_DEFAULT = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";
    /** mod_ssl appends this to every SSLCipherSuite/SSLProxyCipherSuite (TLS 1.2 and older). */
    public static final String MOD_SSL_SUFFIX = ":!aNULL:!eNULL:!EXP";

    private CipherString() {
    }

    /** Evaluates with the default OpenSSL table. */
    public static CipherList evaluate(String cipherString) {
        return evaluate(cipherString, OpensslVersion.DEFAULT);
    }

    public static CipherList evaluate(String cipherString, OpensslVersion version) {
        return evaluate(cipherString, CipherTable.of(version));
    }

    /**
     * @throws CipherStringException when OpenSSL would reject the string
     */
    public static CipherList evaluate(String cipherString, CipherTable table) {
        // fleets repeat the same few strings in thousands of servers: evaluate each once per table
        Map<String, Object> memo = MEMO.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
        Object r = memo.get(cipherString);
        if (r == null) {
            try {
                r = new Evaluation(table, cipherString).run();
            } catch (CipherStringException e) {
                r = e;
            }
            if (memo.size() >= MEMO_LIMIT) {
                memo.clear();
            }
            memo.put(cipherString, r);
        }
        if (r instanceof CipherStringException e) {
            throw e;
        }
        return (CipherList) r;
    }

    private static final int MEMO_LIMIT = 4096;
    /** Per table: cipher string → its CipherList (immutable) or the CipherStringException it raises. */
    private static final Map<CipherTable, Map<String, Object>> MEMO = new ConcurrentHashMap<>();

    /** The string mod_ssl actually hands to OpenSSL for {@code SSLCipherSuite value}. */
    public static String modSsl(String value) {
        return value + MOD_SSL_SUFFIX;
    }

    /** Evaluates an Apache SSLCipherSuite / SSLProxyCipherSuite value (with mod_ssl's suffix). */
    public static CipherList evaluateModSsl(String value, OpensslVersion version) {
        return evaluate(modSsl(value), version);
    }

    private static final class Evaluation {
        private final CipherTable table;
        private final String text;
        private final List<CipherSuite> suites;
        /** Current list order as indexes into {@link #suites}; killed suites are dropped. */
        private List<Integer> order;
        private final boolean[] active;
        private final CipherList.Token[] addedBy;
        private final List<CipherList.Token> unknown = new ArrayList<>();
        private int secLevel = -1;

        Evaluation(CipherTable table, String text) {
            this.table = table;
            this.text = text == null ? "" : text;
            this.suites = table.legacySuites();
            this.order = new ArrayList<>(suites.size());
            for (int i = 0; i < suites.size(); i++) {
                order.add(i);
            }
            this.active = new boolean[suites.size()];
            this.addedBy = new CipherList.Token[suites.size()];
        }

        CipherList run() {
            String rules = text;
            int base = 0;
            String[][] suiteB = {
                {"SUITEB128ONLY", "ECDHE-ECDSA-AES128-GCM-SHA256"},
                {"SUITEB128C2", "ECDHE-ECDSA-AES256-GCM-SHA384"},
                {"SUITEB128", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"},
                {"SUITEB192", "ECDHE-ECDSA-AES256-GCM-SHA384"},
            };
            for (String[] sb : suiteB) {
                if (rules.startsWith(sb[0])) {
                    CipherList.Token t = new CipherList.Token(sb[0], 0, sb[0].length());
                    process(sb[1], t);
                    return finish();
                }
            }
            if (rules.startsWith("DEFAULT")) {
                process(OPENSSL_DEFAULT, new CipherList.Token("DEFAULT", 0, 7));
                base = 7;
                if (base < rules.length() && rules.charAt(base) == ':') {
                    base++;
                }
            }
            processAt(rules, base);
            return finish();
        }

        private CipherList finish() {
            List<CipherList.Selected> out = new ArrayList<>();
            for (int i : order) {
                if (active[i]) {
                    out.add(new CipherList.Selected(suites.get(i), addedBy[i]));
                }
            }
            if (out.isEmpty()) {
                throw new CipherStringException(CipherStringException.Kind.NO_CIPHER_MATCH, -1,
                        "no cipher match: '" + text + "' selects no TLS 1.2-or-older cipher suite");
            }
            return new CipherList(text, out, table.tls13Defaults(),
                    secLevel < 0 ? OptionalInt.empty() : OptionalInt.of(secLevel), unknown);
        }

        /** Processes an expansion (DEFAULT, Suite B) attributing every addition to {@code origin}. */
        private void process(String rules, CipherList.Token origin) {
            parse(rules, 0, origin);
        }

        private void processAt(String rules, int from) {
            parse(rules, from, null);
        }

        private static boolean sep(char c) {
            return c == ':' || c == ' ' || c == ';' || c == ',';
        }

        private static boolean wordChar(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '=';
        }

        private void parse(String s, int from, CipherList.Token origin) {
            int n = s.length();
            int i = from;
            while (i < n) {
                char c = s.charAt(i);
                if (sep(c)) {
                    i++;
                    continue;
                }
                int itemStart = i;
                Op op;
                switch (c) {
                    case '-' -> op = Op.DEL;
                    case '+' -> op = Op.ORD;
                    case '!' -> op = Op.KILL;
                    case '@' -> op = Op.SPECIAL;
                    default -> op = Op.ADD;
                }
                if (op != Op.ADD) {
                    i++;
                }
                Selector acc = null;
                boolean found = true;
                while (true) {
                    int ws = i;
                    while (i < n && wordChar(s.charAt(i))) {
                        i++;
                    }
                    if (i == ws) {
                        throw invalid(s, itemStart, origin);
                    }
                    String word = s.substring(ws, i);
                    if (op == Op.SPECIAL) {
                        special(word, s, itemStart, origin);
                        found = false;
                        break;
                    }
                    Selector w = lookup(word);
                    if (w == null) {
                        if (origin == null) {
                            unknown.add(new CipherList.Token(word, ws, i));
                        }
                        found = false;
                        break;
                    }
                    if (acc == null) {
                        acc = w;
                    } else if (!acc.intersect(w)) {
                        found = false;
                        break;
                    }
                    if (i < n && s.charAt(i) == '+') {
                        i++;
                        continue;
                    }
                    break;
                }
                if (found && acc != null) {
                    // OpenSSL resumes right after the item: trailing characters that are neither
                    // '+' nor a separator start the next item ("kRSA!aNULL" is two items, "HIGH#x"
                    // is rejected), while an unmatched or special item is skipped to the separator.
                    CipherList.Token tok = origin != null ? origin
                            : new CipherList.Token(s.substring(itemStart, i), itemStart, i);
                    apply(op, acc, tok);
                } else {
                    while (i < n && !sep(s.charAt(i))) {
                        i++;
                    }
                }
            }
        }

        private CipherStringException invalid(String s, int at, CipherList.Token origin) {
            int off = origin != null ? origin.start() : at;
            int end = at;
            while (end < s.length() && !sep(s.charAt(end))) {
                end++;
            }
            return new CipherStringException(CipherStringException.Kind.INVALID_COMMAND, off,
                    "invalid command '" + s.substring(at, end) + "' at offset " + off);
        }

        private void special(String word, String s, int itemStart, CipherList.Token origin) {
            if (word.equals("STRENGTH")) {
                strengthSort();
            } else if (word.length() == 10 && word.startsWith("SECLEVEL=") && word.charAt(9) >= '0'
                    && word.charAt(9) <= '5') {
                secLevel = word.charAt(9) - '0';
            } else {
                throw invalid(s, itemStart, origin);
            }
        }

        private Selector lookup(String word) {
            Selector a = Aliases.lookup(word, table.version());
            if (a != null) {
                return a;
            }
            return table.byName(word).filter(c -> !c.tls13()).map(Selector::forSuite).orElse(null);
        }

        private enum Op { ADD, DEL, ORD, KILL, SPECIAL }

        private void apply(Op op, Selector sel, CipherList.Token tok) {
            List<Integer> moved = new ArrayList<>();
            List<Integer> rest = new ArrayList<>(order.size());
            for (int idx : order) {
                boolean m = sel.matches(suites.get(idx));
                switch (op) {
                    case ADD -> {
                        if (m && !active[idx]) {
                            active[idx] = true;
                            addedBy[idx] = tok;
                            moved.add(idx);
                        } else {
                            rest.add(idx);
                        }
                    }
                    case ORD -> {
                        if (m && active[idx]) {
                            moved.add(idx);
                        } else {
                            rest.add(idx);
                        }
                    }
                    case DEL -> {
                        if (m && active[idx]) {
                            active[idx] = false;
                            addedBy[idx] = null;
                            moved.add(idx);
                        } else {
                            rest.add(idx);
                        }
                    }
                    case KILL -> {
                        if (m) {
                            active[idx] = false;
                            addedBy[idx] = null;
                        } else {
                            rest.add(idx);
                        }
                    }
                    default -> throw new IllegalStateException(op.name());
                }
            }
            if (op == Op.DEL) {
                moved.addAll(rest);
                order = moved;
            } else {
                rest.addAll(moved);
                order = rest;
            }
        }

        /** Inactive suites keep their relative order at the front; active ones sort by bits, stably. */
        private void strengthSort() {
            List<Integer> inactive = new ArrayList<>();
            List<Integer> act = new ArrayList<>();
            for (int idx : order) {
                (active[idx] ? act : inactive).add(idx);
            }
            act.sort((a, b) -> Integer.compare(suites.get(b).bits(), suites.get(a).bits()));
            inactive.addAll(act);
            order = inactive;
        }
    }
}
