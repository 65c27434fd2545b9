package dev.proxylint.rules.tls;

import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherTable;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.Tls13Suites;
import dev.proxylint.tls.TlsProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TLS113 cipher-string-rejected: OpenSSL rejects a cipher string, so the server does not start. Three
 * cases, one computation per endpoint (its cipher directive, then each TLS 1.3 list of its
 * {@link Tls13Settings setting}), reported once per directive:
 * <ul>
 * <li>the TLS 1.2 cipher string: nginx refuses to start (nginx -t catches it); Apache's apache2 -t still
 * says "Syntax OK", but mod_ssl's initialisation fails at start ("no cipher match", AH02312) — both seen
 * on this project's Debian servers;</li>
 * <li>Apache's {@code SSLCipherSuite WORD ""}, which httpd reads as the cipher string WORD;</li>
 * <li>a TLS 1.3 list in which OpenSSL finds no suite name it knows: nginx -t fails (SSL_CONF_cmd failed);
 * apache2 -t says Syntax OK and mod_ssl stops the start (AH10127 for SSLCipherSuite TLSv1.3, AH02407 for
 * SSLOpenSSLConfCmd). Whatever the protocols.</li>
 * </ul>
 */
public final class Tls113CipherStringRejected extends BaseRule {
    static final String ID = "TLS113";

    public Tls113CipherStringRejected() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        OpensslVersion openssl = ctx.settings().openssl();
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            cipherString(ctx, e, profile);
            tls13Lists(ctx, Tls13Settings.of(ctx, e), profile, openssl);
        }
    }

    private static void cipherString(RuleContext ctx, TlsEndpoint e, TlsProfile profile) {
        Directive cd = e.ciphersDirective();
        if (e.cipherError() == null || cd == null || !ctx.once(ID, cd)) {
            return;
        }
        if (e.dialect() == Dialect.APACHE && cd.argCount() == 2 && cd.arg(1).isEmpty() && !cd.arg(0).isEmpty()) {
            emptyApacheSecondArgument(ctx, cd, profile);
            return;
        }
        if (e.dialect() == Dialect.APACHE && cd.argCount() > 1) {
            return; // two words: TLS109 (protocol selector or unquoted blank) already explains this line
        }
        String dname = e.dialect() == Dialect.NGINX ? "ssl_ciphers" : "SSLCipherSuite";
        String consequence = e.dialect() == Dialect.NGINX
                ? "nginx refuses to start (SSL_CTX_set_cipher_list failed)"
                : "Apache fails to start (Fatal error initialising mod_ssl), although apache2 -t still says Syntax OK";
        ctx.report(ID, cd.span(), dname + " selects no cipher OpenSSL accepts, so the server does not start. "
                + "OpenSSL rejects '" + String.join(" ", cd.values()) + "' (" + e.cipherError() + "): " + consequence
                + ". Use a cipher string that selects at least one suite, "
                + "such as the " + profile.name() + " profile's list.", List.of(), TlsFixes.cipherFix(e, profile));
    }

    /**
     * Apache's {@code SSLCipherSuite WORD ""}: httpd drops an empty second argument, so the line is the
     * TLS 1.2 cipher string WORD, which OpenSSL rejects (seen for "TLSv1.3": apache2 -t Syntax OK, start
     * fails with AH01898).
     */
    private static void emptyApacheSecondArgument(RuleContext ctx, Directive d, TlsProfile profile) {
        String word = d.arg(0);
        boolean tls13 = word.equals("TLSv1.3");
        String msg = d.name() + " " + TlsText.brief(word) + " \"\" makes Apache fail to start."
                + " httpd drops an empty argument and reads this line as the TLS 1.2 "
                + "cipher string '" + word + "', which OpenSSL rejects (no cipher match), so Apache fails to start "
                + "(AH01898 Unable to configure permitted SSL ciphers), although apache2 -t still says Syntax OK."
                + (tls13 ? " mod_ssl cannot empty the TLS 1.3 list: to turn TLS 1.3 off, leave it out of SSLProtocol "
                        + "(" + "SSLProtocol -all +TLSv1.2" + "); otherwise list the " + profile.name()
                        + " profile's TLS 1.3 suites." : " Give the cipher list as the only argument.");
        Fix fix = tls13 ? TlsFixes.tls13Fix(d, profile)
                : new Fix("Use the " + profile.name() + " profile's cipher list",
                        List.of(TlsEdits.replace(d, "SSLCipherSuite " + TlsFixes.cipherString(profile))));
        ctx.report(ID, d.span(), msg, List.of(), fix);
    }

    private static void tls13Lists(RuleContext ctx, Tls13Setting t, TlsProfile profile, OpensslVersion openssl) {
        CipherTable table = CipherTable.of(openssl);
        for (Tls13Setting.Applied a : t.rejected()) {
            Directive d = a.directive();
            if (!ctx.once(ID, d)) {
                continue;
            }
            List<String> words = new ArrayList<>();
            for (String w : a.value().split(":", -1)) {
                if (!w.isBlank()) {
                    words.add(w.strip());
                }
            }
            List<String> unknown = words.stream().filter(w -> table.byIanaName(w).isEmpty()
                    && !Tls13Suites.inert(openssl).contains(w)).toList();
            String why;
            String detail = "";
            String rejects = openssl.displayName() + " rejects the TLS 1.3 list (no cipher match)";
            if (words.isEmpty()) {
                why = "holds no suite name at all";
                detail = " It holds only blanks, which is not the same as an empty list.";
            } else if (openssl != OpensslVersion.V1_1_1) {
                why = "names no cipher suite OpenSSL knows";
            } else {
                why = unknown.isEmpty() ? "has an empty element" : (unknown.size() == 1 ? "has a name" : "has names")
                        + " OpenSSL 1.1.1 does not know";
                detail = unknown.isEmpty() ? " The element is empty because of a leading, trailing or doubled ':'." : "";
                boolean othersKnown = words.size() > unknown.size();
                rejects = "OpenSSL 1.1.1 rejects the whole TLS 1.3 list for that (no cipher match"
                        + (othersKnown ? "; OpenSSL 3 would skip " + (unknown.size() > 1 ? "them" : "it") : "") + ")";
            }
            String consequence;
            if (d.dialect() == Dialect.NGINX) {
                consequence = "nginx refuses to start (nginx -t: SSL_CONF_cmd(\"Ciphersuites\", ...) failed)";
            } else if (d.is("SSLOpenSSLConfCmd")) {
                consequence = "Apache fails to start (AH02407 \"SSLOpenSSLConfCmd Ciphersuites ...\" failed), although "
                        + "apache2 -t still says Syntax OK";
            } else {
                consequence = "Apache fails to start (AH10127 Unable to configure permitted TLSv1.3 ciphers), although "
                        + "apache2 -t still says Syntax OK";
            }
            String unknownText = unknown.isEmpty() ? "" : " " + TlsText.unknownNames(unknown, table) + ".";
            String stops = d.dialect() == Dialect.NGINX ? "nginx" : "Apache";
            ctx.report(ID, d.span(), TlsText.listName(a) + " " + why + ", so " + stops + " does not start." + detail
                    + " " + a.text() + ": " + rejects + " and " + consequence + "."
                    + unknownText + " Use the " + profile.name() + " profile's list "
                    + profile.ciphersuitesString() + ".", List.of(), TlsFixes.tls13Fix(d, profile));
        }
    }
}
