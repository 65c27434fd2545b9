package dev.proxylint.tls;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one word of a cipher string selects: constraints on the suite's algorithms (null = no
 * constraint). Words joined with '+' intersect; a cipher name constrains to its own algorithms and
 * its id. Mirrors the documented OpenSSL alias semantics (ciphers(1)).
 */
final class Selector {
    Set<CipherSuite.Kx> kx;
    Set<CipherSuite.Au> au;
    Set<CipherSuite.Enc> enc;
    Set<CipherSuite.Mac> mac;
    TlsVersion minVersion;
    /** Strength classes plus FIPS as a pseudo-class (OpenSSL keeps them in one bit mask). */
    Set<String> strength;
    boolean notDefault;
    int cipherId = -1;

    Selector copy() {
        Selector s = new Selector();
        s.kx = kx == null ? null : EnumSet.copyOf(kx);
        s.au = au == null ? null : EnumSet.copyOf(au);
        s.enc = enc == null ? null : EnumSet.copyOf(enc);
        s.mac = mac == null ? null : EnumSet.copyOf(mac);
        s.minVersion = minVersion;
        s.strength = strength == null ? null : new java.util.HashSet<>(strength);
        s.notDefault = notDefault;
        s.cipherId = cipherId;
        return s;
    }

    /** Intersects {@code other} into this; false when the combination can match nothing. */
    boolean intersect(Selector o) {
        kx = meet(kx, o.kx);
        au = meet(au, o.au);
        enc = meet(enc, o.enc);
        mac = meet(mac, o.mac);
        if (empty(kx) || empty(au) || empty(enc) || empty(mac)) {
            return false;
        }
        if (o.minVersion != null) {
            if (minVersion != null && minVersion != o.minVersion) {
                return false;
            }
            minVersion = o.minVersion;
        }
        // OpenSSL keeps the strength class (HIGH/MEDIUM/LOW/FIPS) and the not-in-DEFAULT flag in one
        // mask. The first word that carries a strength class *assigns* the mask, which drops a
        // not-DEFAULT flag set by an earlier word: "COMPLEMENTOFDEFAULT+HIGH" selects all of HIGH,
        // while "HIGH+COMPLEMENTOFDEFAULT" selects only HIGH suites outside DEFAULT (observed).
        if (o.strength != null) {
            if (strength == null) {
                strength = new java.util.HashSet<>(o.strength);
                notDefault = false;
            } else {
                strength.retainAll(o.strength);
                if (strength.isEmpty()) {
                    return false;
                }
            }
        }
        notDefault |= o.notDefault;
        if (o.cipherId >= 0) {
            cipherId = o.cipherId;
        }
        return true;
    }

    boolean matches(CipherSuite c) {
        if (cipherId >= 0 && cipherId != c.id()) {
            return false;
        }
        if (kx != null && !kx.contains(c.kx())) {
            return false;
        }
        if (au != null && !au.contains(c.au())) {
            return false;
        }
        if (enc != null && !enc.contains(c.enc())) {
            return false;
        }
        if (mac != null && !mac.contains(c.mac())) {
            return false;
        }
        if (minVersion != null && minVersion != c.minVersion()) {
            return false;
        }
        if (strength != null && !strength.contains(c.strength().name()) && !(c.fips() && strength.contains("FIPS"))) {
            return false;
        }
        return !notDefault || c.notDefault();
    }

    static Selector forSuite(CipherSuite c) {
        Selector s = new Selector();
        s.kx = EnumSet.of(c.kx());
        s.au = EnumSet.of(c.au());
        s.enc = EnumSet.of(c.enc());
        s.mac = EnumSet.of(c.mac());
        s.minVersion = c.minVersion();
        s.strength = new java.util.HashSet<>();
        s.strength.add(c.strength().name());
        if (c.fips()) {
            s.strength.add("FIPS");
        }
        s.notDefault = c.notDefault();
        s.cipherId = c.id();
        return s;
    }

    private static <E extends Enum<E>> Set<E> meet(Set<E> a, Set<E> b) {
        if (a == null) {
            return b == null ? null : EnumSet.copyOf(b);
        }
        if (b == null) {
            return a;
        }
        a.retainAll(b);
        return a;
    }

    private static boolean empty(Set<?> s) {
        return s != null && s.isEmpty();
    }
}
