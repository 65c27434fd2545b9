package dev.proxylint.facts;

import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One directive that sets {@code Strict-Transport-Security}: nginx {@code add_header NAME VALUE
 * [always]} or Apache {@code Header [always|onsuccess] set NAME VALUE}, with the value parsed as
 * RFC 6797 directives.
 *
 * @param directive the add_header / Header directive
 * @param valueArg  the argument holding the value (null when missing)
 * @param always    whether the header is sent on every response (nginx {@code always}, Apache
 *                  {@code always} table)
 * @param alwaysArg where {@code always} would go: the argument after which to add it (nginx: the
 *                  value; Apache: the directive name is used instead, see rules)
 */
public record HstsHeader(Directive directive, Arg valueArg, boolean always, Arg alwaysArg) {

    public static final String NAME = "Strict-Transport-Security";

    /** The parsed value. maxAge is -1 when absent, -2 when not a number. */
    public record Value(long maxAge, boolean includeSubDomains, boolean preload, List<String> problems) {
    }

    /** nginx {@code add_header}; null when it sets another header. */
    public static HstsHeader nginx(Directive d) {
        if (!d.is("add_header") || d.argCount() < 2 || !NAME.equalsIgnoreCase(d.arg(0))) {
            return null;
        }
        boolean always = d.argCount() >= 3 && "always".equals(d.arg(2));
        return new HstsHeader(d, d.args().get(1), always, d.args().get(1));
    }

    /** Apache {@code Header}; null when it does not set Strict-Transport-Security. */
    public static HstsHeader apache(Directive d) {
        if (!d.is("Header") || d.argCount() < 2) {
            return null;
        }
        int i = 0;
        boolean always = false;
        String first = d.arg(0).toLowerCase(Locale.ROOT);
        if (first.equals("always") || first.equals("onsuccess")) {
            always = first.equals("always");
            i = 1;
        }
        if (d.argCount() < i + 2) {
            return null;
        }
        String action = d.arg(i).toLowerCase(Locale.ROOT);
        if (!List.of("set", "add", "append", "merge", "setifempty").contains(action)) {
            return null;
        }
        String name = d.arg(i + 1);
        if (name.endsWith(":")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!NAME.equalsIgnoreCase(name)) {
            return null;
        }
        Arg value = d.argCount() > i + 2 ? d.args().get(i + 2) : null;
        return new HstsHeader(d, value, always, i == 1 ? d.args().get(0) : null);
    }

    public String value() {
        return valueArg == null ? "" : valueArg.value();
    }

    /** Parses the value like a browser does (RFC 6797 section 6.1), collecting what is wrong. */
    public Value parse() {
        return parse(value());
    }

    public static Value parse(String v) {
        List<String> problems = new ArrayList<>();
        long maxAge = -1;
        boolean sub = false;
        boolean preload = false;
        if (v.toLowerCase(Locale.ROOT).contains(NAME.toLowerCase(Locale.ROOT))) {
            problems.add("the value repeats the header name (\"" + NAME + ":\"), so browsers see no valid max-age");
        }
        int maxAgeCount = 0;
        for (String part : v.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String val = eq < 0 ? null : p.substring(eq + 1).trim();
            if (val != null && val.length() >= 2 && val.startsWith("\"") && val.endsWith("\"")) {
                val = val.substring(1, val.length() - 1);
            }
            switch (key) {
                case "max-age" -> {
                    maxAgeCount++;
                    if (val == null || val.isEmpty() || !val.chars().allMatch(Character::isDigit)) {
                        maxAge = -2;
                        problems.add("max-age " + (val == null ? "has no value" : "'" + val + "' is not a number of seconds"));
                    } else {
                        maxAge = val.length() > 18 ? Long.MAX_VALUE : Long.parseLong(val);
                    }
                }
                case "includesubdomains" -> sub = true;
                case "preload" -> preload = true;
                default -> { }
            }
        }
        if (maxAgeCount == 0 && problems.isEmpty()) {
            problems.add("max-age is missing, and browsers ignore a Strict-Transport-Security header without it");
        } else if (maxAgeCount > 1) {
            problems.add("max-age appears more than once, which makes browsers ignore the header");
        }
        return new Value(maxAge, sub, preload, problems);
    }
}
