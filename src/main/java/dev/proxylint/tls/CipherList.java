package dev.proxylint.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of evaluating a cipher string: the TLS 1.2-and-older suites in the order the server
 * prefers them, each with the token that let it in, plus the TLS 1.3 suites configured separately.
 */
public final class CipherList {

    /**
     * A token of the evaluated string: its text and [start, end) offsets (0-based). A token with
     * negative offsets is not part of the string: a suite name from elsewhere (see
     * {@link CipherList#withLeading}).
     */
    public record Token(String text, int start, int end) {
        /** A name from outside the cipher string, such as an IANA name in the TLS 1.3 list. */
        public static Token outside(String text) {
            return new Token(text, -1, -1);
        }

        /** Whether the token is part of the evaluated cipher string. */
        public boolean inString() {
            return start >= 0;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One selected suite and the token whose rule last added it. */
    public record Selected(CipherSuite suite, Token addedBy) {
    }

    private final String cipherString;
    private final List<Selected> selected;
    private final List<CipherSuite> tls13;
    private final OptionalInt secLevel;
    private final List<Token> unknownWords;

    CipherList(String cipherString, List<Selected> selected, List<CipherSuite> tls13, OptionalInt secLevel,
            List<Token> unknownWords) {
        this.cipherString = cipherString;
        this.selected = List.copyOf(selected);
        this.tls13 = List.copyOf(tls13);
        this.secLevel = secLevel;
        this.unknownWords = List.copyOf(unknownWords);
    }

    /** The string as evaluated (after any mod_ssl suffix was appended by the caller). */
    public String cipherString() {
        return cipherString;
    }

    /** TLS 1.2-and-older suites, in preference order. */
    public List<Selected> selected() {
        return selected;
    }

    public List<CipherSuite> suites() {
        List<CipherSuite> out = new ArrayList<>(selected.size());
        for (Selected s : selected) {
            out.add(s.suite());
        }
        return Collections.unmodifiableList(out);
    }

    public List<String> names() {
        List<String> out = new ArrayList<>(selected.size());
        for (Selected s : selected) {
            out.add(s.suite().name());
        }
        return out;
    }

    /** The TLS 1.3 suites that go with this list (OpenSSL's default unless configured). */
    public List<CipherSuite> tls13() {
        return tls13;
    }

    /** Exactly what `openssl ciphers` prints, split on ':' (TLS 1.3 suites first). */
    public List<String> opensslOrder() {
        List<String> out = new ArrayList<>();
        for (CipherSuite s : tls13) {
            out.add(s.name());
        }
        out.addAll(names());
        return out;
    }

    public CipherList withTls13(List<CipherSuite> suites) {
        return new CipherList(cipherString, selected, suites, secLevel, unknownWords);
    }

    /**
     * This list with {@code leading} in front and the string's own entries for the same suites
     * dropped: OpenSSL puts the TLS 1.2 suites named in the TLS 1.3 list ahead of what the cipher
     * string selects. The first entry of a suite is kept.
     */
    public CipherList withLeading(List<Selected> leading) {
        List<Selected> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Selected s : leading) {
            if (seen.add(s.suite().name())) {
                out.add(s);
            }
        }
        for (Selected s : selected) {
            if (seen.add(s.suite().name())) {
                out.add(s);
            }
        }
        return new CipherList(cipherString, out, tls13, secLevel, unknownWords);
    }

    /** The last {@code @SECLEVEL=n} in the string, if any. */
    public OptionalInt secLevel() {
        return secLevel;
    }

    /** Words OpenSSL silently ignored because no cipher or alias has that name. */
    public List<Token> unknownWords() {
        return unknownWords;
    }

    public boolean contains(String name) {
        return find(name).isPresent();
    }

    public Optional<Selected> find(String name) {
        for (Selected s : selected) {
            if (s.suite().name().equals(name) || s.suite().ianaName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The token that let {@code name} in ("ECDHE-RSA-AES128-SHA came in through 'HIGH'"). */
    public Optional<Token> addedBy(String name) {
        return find(name).map(Selected::addedBy);
    }

    @Override
    public String toString() {
        return String.join(":", opensslOrder());
    }
}
