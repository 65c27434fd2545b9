package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SEC214, the Apache twin of SEC114: a script handler is given to files by an extension test that
 * also takes {@code x.php.jpg}. Two ways: a {@code <FilesMatch>} (or {@code <Files ~>},
 * {@code <LocationMatch>}, {@code <Location ~>}) regex without a final {@code $} around a script
 * {@code SetHandler} (or, for a URL section, a {@code ProxyPass}); and {@code AddHandler} (or
 * {@code AddType application/x-httpd-php}) for a script extension, which mod_mime applies to every
 * extension of a name, not only the last. Computed on the compiled regex with sample names, as
 * SEC114 does.
 */
public final class ApacheUnanchoredHandlerRule extends BaseRule {
    static final String ID = "SEC214";

    public ApacheUnanchoredHandlerRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (String section : List.of("FilesMatch", "Files", "LocationMatch", "Location")) {
            for (Directive s : ApacheDirectives.named(ctx, section)) {
                Work.tick();
                section(ctx, s);
            }
        }
        for (Directive d : ApacheDirectives.named(ctx, "AddHandler")) {
            Work.tick();
            if (d.argCount() >= 2 && scriptHandler(d.arg(0))) {
                addHandler(ctx, d);
            }
        }
        for (Directive d : ApacheDirectives.named(ctx, "AddType")) {
            Work.tick();
            if (d.argCount() >= 2 && d.arg(0).toLowerCase(Locale.ROOT).startsWith("application/x-httpd-php")) {
                addHandler(ctx, d);
            }
        }
    }

    /** Whether a handler runs the file (or hands it to a program) instead of sending it. */
    static boolean scriptHandler(String h) {
        String v = h.toLowerCase(Locale.ROOT);
        return v.contains("php") || v.startsWith("proxy:") || v.startsWith("application/x-httpd-")
                || List.of("cgi-script", "fcgid-script", "fastcgi-script", "lua-script", "perl-script", "python-program",
                        "mod_python", "wsgi-script", "jakarta-servlet").contains(v);
    }

    private static void section(RuleContext ctx, Directive s) {
        if (!s.hasBlock()) {
            return;
        }
        boolean tilde = s.argCount() >= 2 && s.arg(0).equals("~");
        boolean match = s.name().toLowerCase(Locale.ROOT).endsWith("match");
        if (!(match ? s.argCount() >= 1 : tilde)) {
            return; // a plain <Files name> or <Location /path>: no regex
        }
        Arg pat = s.args().get(tilde ? 1 : 0);
        boolean url = s.name().toLowerCase(Locale.ROOT).startsWith("location");
        Directive handler = handlerIn(s, url);
        if (handler == null) {
            return;
        }
        Pattern p;
        try {
            p = Pattern.compile(pat.value());
        } catch (PatternSyntaxException e) {
            return; // httpd's PCRE reads it otherwise, or refuses it: not judged
        }
        String prefix = url ? ExtensionTest.literalPrefix(pat.value()) : "";
        ExtensionTest.Unanchored u = ExtensionTest.find(p, prefix, pat.value());
        if (u == null) {
            return;
        }
        Fix fix = null;
        String body = pat.quoted() ? pat.raw().substring(0, pat.raw().length() - 1) : pat.raw();
        if (!body.endsWith("\\") && !body.endsWith("|") && !body.endsWith("$")
                && !ExtensionTest.topLevelAlternation(pat.value())) {
            fix = new Fix("Anchor the regex at the end: " + pat.value() + "$",
                    List.of(TextEdit.insert(pat.file(), pat.quoted() ? pat.end() - 1 : pat.end(), "$")));
        }
        String head = "<" + s.name() + (tilde ? " ~ " : " ") + pat.raw() + ">";
        boolean backend = !handler.is("SetHandler");
        String brief = Brief.cut(head, 36);
        ctx.report(ID, s.headSpan(), brief + " is not anchored, so " + Brief.cut(u.longer(), 24) + " reaches "
                + (backend ? "the backend" : "the handler") + " too." + SecText.whole("The section", brief, head)
                + SecText.whole("The longer name", Brief.cut(u.longer(), 24), u.longer()) + " " + handler.name() + " " + handler.arg(0)
                + " takes what it matches, and Apache searches the regex anywhere in the "
                + (url ? "URL path" : "file name") + ": without a final $ the test for ." + u.ext() + " also takes x."
                + u.ext() + ".jpg and x." + u.ext() + "x, so an uploaded image named x." + u.ext()
                + ".jpg is " + (backend ? "sent to the backend" : "run") + ". Anchor it: " + pat.value() + "$.",
                List.of(new Related(handler.span(), "the handler these files reach")), fix);
    }

    /** The script SetHandler (or, in a URL section, the ProxyPass) directly inside a section, or null. */
    private static Directive handlerIn(Directive s, boolean url) {
        for (Node n : s.children()) {
            if (n instanceof Directive d && d.argCount() >= 1) {
                if (d.is("SetHandler") && scriptHandler(d.arg(0))) {
                    return d;
                }
                if (url && (d.is("ProxyPass") || d.is("ProxyPassMatch")) && !d.arg(0).equals("!")) {
                    return d;
                }
            }
        }
        return null;
    }

    /** AddHandler / AddType for a script: mod_mime takes each extension of a name, wherever it stands. */
    private static void addHandler(RuleContext ctx, Directive d) {
        List<String> exts = new ArrayList<>();
        boolean plain = true;
        for (String e : d.values().subList(1, d.argCount())) {
            String x = e.startsWith(".") ? e.substring(1) : e;
            if (!x.matches("[A-Za-z0-9_-]+")) {
                plain = false;
            }
            exts.add(x);
        }
        if (exts.isEmpty()) {
            return;
        }
        String ext = exts.get(0);
        String regex = "(?i)\\." + (exts.size() == 1 ? ext : "(?:" + String.join("|", exts) + ")") + "$";
        Fix fix = null;
        if (plain && d.is("AddHandler")) {
            SourceFile f = d.file();
            String indent = f.indentAt(d.start());
            String eol = f.eol();
            fix = new Fix("Give the handler only to names that end in the extension (FilesMatch \"" + regex + "\")",
                    List.of(TextEdit.replace(d.span(), "<FilesMatch \"" + regex + "\">" + eol + indent + "    SetHandler "
                            + d.args().get(0).raw() + eol + indent + "</FilesMatch>")));
        }
        ctx.report(ID, d.span(), d.name() + " " + d.arg(0) + " ." + ext + " also runs x." + ext + ".jpg. mod_mime "
                + "reads every extension of a file name, not only the last, so a name with ." + ext + " anywhere in it "
                + "(an uploaded x." + ext + ".jpg) goes to the handler. Set it on names that end in ." + ext
                + " instead: <FilesMatch \"" + regex + "\"> SetHandler " + d.arg(0) + " </FilesMatch>.",
                List.of(), fix);
    }
}
