package dev.proxylint.tls;

import dev.proxylint.tls.CipherSuite.Au;
import dev.proxylint.tls.CipherSuite.Enc;
import dev.proxylint.tls.CipherSuite.Kx;
import dev.proxylint.tls.CipherSuite.Mac;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Classification of suites for TLS rules: what is broken, what lacks forward secrecy, CBC, SHA-1. */
public final class CipherClass {
    private CipherClass() {
    }

    /** Reasons a suite is insecure. */
    public enum Weakness {
        NULL_ENCRYPTION, ANONYMOUS, EXPORT, RC4, DES, TRIPLE_DES, RC2, MD5, IDEA, SEED
    }

    /** Everything that makes {@code s} insecure; empty for an acceptable suite. */
    public static Set<Weakness> weaknesses(CipherSuite s) {
        EnumSet<Weakness> w = EnumSet.noneOf(Weakness.class);
        switch (s.enc()) {
            case NULL -> w.add(Weakness.NULL_ENCRYPTION);
            case RC4 -> w.add(Weakness.RC4);
            case DES -> w.add(Weakness.DES);
            case TRIPLE_DES -> w.add(Weakness.TRIPLE_DES);
            case RC2 -> w.add(Weakness.RC2);
            case IDEA -> w.add(Weakness.IDEA);
            case SEED -> w.add(Weakness.SEED);
            default -> { }
        }
        if (s.au() == Au.NULL) {
            w.add(Weakness.ANONYMOUS);
        }
        if (s.mac() == Mac.MD5) {
            w.add(Weakness.MD5);
        }
        if (s.name().startsWith("EXP") || s.bits() > 0 && s.bits() < 64) {
            w.add(Weakness.EXPORT);
        }
        return w;
    }

    public static boolean insecure(CipherSuite s) {
        return !weaknesses(s).isEmpty();
    }

    /** Static RSA key exchange (kRSA, RSA-PSK): recorded traffic falls with the key. */
    public static boolean staticRsa(CipherSuite s) {
        return s.kx() == Kx.RSA || s.kx() == Kx.RSAPSK;
    }

    /** No ephemeral key exchange at all (static RSA, plain PSK, SRP); TLS 1.3 suites always have it. */
    public static boolean noForwardSecrecy(CipherSuite s) {
        return staticRsa(s) || s.kx() == Kx.PSK || s.kx() == Kx.SRP;
    }

    public static boolean cbc(CipherSuite s) {
        return s.enc().cbc();
    }

    public static boolean sha1Mac(CipherSuite s) {
        return s.mac() == Mac.SHA1;
    }

    public static boolean aead(CipherSuite s) {
        return s.enc().aead();
    }

    public static boolean nullEncryption(CipherSuite s) {
        return s.enc() == Enc.NULL;
    }

    /** The selected entries of {@code list} that satisfy {@code p}, keeping their tokens. */
    public static List<CipherList.Selected> filter(CipherList list, Predicate<CipherSuite> p) {
        List<CipherList.Selected> out = new ArrayList<>();
        for (CipherList.Selected s : list.selected()) {
            if (p.test(s.suite())) {
                out.add(s);
            }
        }
        return out;
    }

    public static List<CipherList.Selected> insecure(CipherList list) {
        return filter(list, CipherClass::insecure);
    }

    public static List<CipherList.Selected> withoutForwardSecrecy(CipherList list) {
        return filter(list, CipherClass::noForwardSecrecy);
    }
}
