package dev.proxylint.cli;

import dev.proxylint.tls.CipherList;
import dev.proxylint.tls.CipherString;
import dev.proxylint.tls.CipherStringException;
import dev.proxylint.tls.CipherTable;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.Tls13Suites;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code proxylint tls ...}: the TLS engine on the command line. */
@Command(name = "tls", mixinStandardHelpOptions = true, subcommands = TlsCommand.Ciphers.class,
        description = "TLS helpers: what a cipher string really selects.")
public final class TlsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code proxylint tls ciphers [--openssl-version V] CIPHERSTRING}. */
    @Command(name = "ciphers", mixinStandardHelpOptions = true,
            description = {
                "Print the cipher suites CIPHERSTRING selects, in preference order, one OpenSSL name a line.",
                "The output equals `OPENSSL_CONF=/dev/null openssl ciphers [-ciphersuites S] CIPHERSTRING | tr : '\\n'`"
                        + " of the modelled OpenSSL build (without -s or -v): the TLS 1.3 suites come first"
                        + " (OpenSSL's default Ciphersuites unless --ciphersuites is given), then the TLS 1.2-and-older"
                        + " suites the string selects. @SECLEVEL is accepted but, as with `openssl ciphers`, does not"
                        + " filter the list.",
                "Exit status: 0 on success; 2 with 'proxylint: error: ...' when OpenSSL would reject the string"
                        + " (invalid command, or no TLS 1.2-and-older suite selected)."})
    public static final class Ciphers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--openssl-version", completionCandidates = Candidates.OpenSsl.class, paramLabel = "V",
                description = "OpenSSL release to model: 3.0 (the default; any 3.x) or 1.1.1 (also 1.1, 1.1.1w)."
                        + " They differ in their suites (1.1.1 has SEED), the CBC alias (3.0 only) and TLS 1.3"
                        + " lists (1.1.1 rejects unknown names).")
        String opensslVersion;

        @Option(names = "--ciphersuites", paramLabel = "LIST",
                description = "TLS 1.3 suites, like `openssl ciphers -ciphersuites` (':'-separated; '' for none).")
        String ciphersuites;

        @Option(names = "--mod-ssl", description = "Append mod_ssl's '" + CipherString.MOD_SSL_SUFFIX
                + "' as Apache's SSLCipherSuite does.")
        boolean modSsl;

        @Option(names = {"-v", "--explain"},
                description = "After each name, a tab and the token of the string that let the suite in.")
        boolean explain;

        @Option(names = "--no-tls13", description = "Print only the TLS 1.2-and-older suites.")
        boolean noTls13;

        @Parameters(index = "0", paramLabel = "CIPHERSTRING", description = "An OpenSSL cipher string.")
        String cipherString;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            OpensslVersion v = OpensslVersion.DEFAULT;
            if (opensslVersion != null) {
                var parsed = OpensslVersion.parse(opensslVersion);
                if (parsed.isEmpty()) {
                    err.println("proxylint: error: " + OpensslVersion.unsupportedMessage("--openssl-version",
                            opensslVersion));
                    err.flush();
                    return 2;
                }
                v = parsed.get();
            }
            try {
                String s = modSsl ? CipherString.modSsl(cipherString) : cipherString;
                CipherList list = CipherString.evaluate(s, v);
                if (ciphersuites != null) {
                    list = list.withTls13(Tls13Suites.parse(ciphersuites, CipherTable.of(v)).suites());
                }
                if (!noTls13) {
                    for (var t : list.tls13()) {
                        out.println(explain ? t.name() + "\t(TLS 1.3 Ciphersuites)" : t.name());
                    }
                }
                for (CipherList.Selected sel : list.selected()) {
                    out.println(explain ? sel.suite().name() + "\t" + sel.addedBy().text() : sel.suite().name());
                }
                out.flush();
                return 0;
            } catch (CipherStringException e) {
                err.println("proxylint: error: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }

    /** Lets the command run on its own until it is wired into Main. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TlsCommand()).execute(args));
    }

}
