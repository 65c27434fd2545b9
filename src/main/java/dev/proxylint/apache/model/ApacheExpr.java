package dev.proxylint.apache.model;

import dev.proxylint.facts.Pcre2Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * httpd's expression language (ap_expr, used by {@code <If>}, {@code Require expr},
 * {@code SetEnvIfExpr}, {@code RewriteCond expr}, {@code Header ... expr=} and more), read as
 * httpd 2.4 reads it while it loads the configuration: the scanner's tokens, the grammar, the
 * names of variables, functions and operators that exist, the regular expressions and the
 * subnets of {@code -R} and {@code -ipmatch}.
 *
 * <p>{@link #check} gives the text httpd reports for an expression it refuses, or null. The
 * messages follow httpd's: a grammar error reads {@code syntax error, unexpected T_OP_AND,
 * expecting '('} with the tokens its parser would name (it names the expected ones only when at
 * most four are possible), followed by {@code : } and the scanner's or a name lookup's message
 * when one was made; a scanner error where the grammar allows an error token stops with that
 * message alone. A name lookup that fails does not stop the parse: the last one made is the one
 * reported.
 *
 * <p>Names provided by modules are accepted whether or not the module is loaded: mod_ssl's
 * {@code SSL_*} variables, {@code SSL()} and {@code PeerExtList()}, mod_proxy_hcheck's
 * {@code HC_*} variables and {@code HC()}. Facts from httpd 2.4's server/util_expr_scan.l,
 * util_expr_parse.y and util_expr_eval.c (read 2026-12-07; unchanged from 2.4.62 to 2.4.x).
 */
public final class ApacheExpr {
    private ApacheExpr() {
    }

    /** Token kinds, named as httpd's parser names them in its messages. */
    enum T {
        END("$end"), TRUE("T_TRUE"), FALSE("T_FALSE"), ERROR("T_ERROR"), DIGIT("T_DIGIT"), ID("T_ID"),
        STRING("T_STRING"), REGEX("T_REGEX"), REGEX_I("T_REGEX_I"), BACKREF("T_REGEX_BACKREF"),
        UNARY("T_OP_UNARY"), BINARY("T_OP_BINARY"), STR_BEGIN("T_STR_BEGIN"), STR_END("T_STR_END"),
        VAR_BEGIN("T_VAR_BEGIN"), VAR_END("T_VAR_END"), EQ("T_OP_EQ"), NE("T_OP_NE"), LT("T_OP_LT"),
        LE("T_OP_LE"), GT("T_OP_GT"), GE("T_OP_GE"), REG("T_OP_REG"), NRE("T_OP_NRE"), IN("T_OP_IN"),
        STR_EQ("T_OP_STR_EQ"), STR_NE("T_OP_STR_NE"), STR_LT("T_OP_STR_LT"), STR_LE("T_OP_STR_LE"),
        STR_GT("T_OP_STR_GT"), STR_GE("T_OP_STR_GE"), CONCAT("T_OP_CONCAT"), OR("T_OP_OR"), AND("T_OP_AND"),
        NOT("T_OP_NOT"), JAM("(no rule of the scanner matches)"), LPAREN("'('"), RPAREN("')'"), LBRACE("'{'"), RBRACE("'}'"), COMMA("','"),
        COLON("':'");

        final String shown;

        T(String shown) {
            this.shown = shown;
        }
    }

    record Tok(T kind, String text) {
    }

    private static final Set<String> VARIABLES = Set.of("time_year", "time_mon", "time_day", "time_hour",
            "time_min", "time_sec", "time_wday", "time", "server_software", "api_version", "http_user_agent",
            "http_proxy_connection", "http_referer", "http_cookie", "http_forwarded", "http_host", "http_accept",
            "request_method", "request_scheme", "request_uri", "request_filename", "remote_host", "remote_ident",
            "remote_user", "server_admin", "server_name", "server_port", "server_protocol", "script_filename",
            "path_info", "query_string", "is_subreq", "document_root", "auth_type", "the_request", "content_type",
            "handler", "request_log_id", "script_user", "script_group", "document_uri", "last_modified",
            "context_prefix", "context_document_root", "request_status", "remote_addr", "remote_port", "https",
            "ipv6", "conn_log_id", "conn_remote_addr", "http2");
    private static final Set<String> FUNCTIONS = Set.of("osenv", "env", "resp", "req", "http", "note", "reqenv",
            "req_novary", "tolower", "toupper", "escape", "unescape", "file", "filesize", "base64", "unbase64",
            "sha1", "md5", "ldap", "ssl", "hc");
    private static final Set<String> LIST_FUNCTIONS = Set.of("peerextlist");
    private static final Set<String> UNARY = Set.of("n", "z", "R", "T", "d", "e", "f", "s", "L", "h", "x", "F",
            "U", "A");
    private static final Set<String> BINARY = Set.of("ipmatch", "fnmatch", "strmatch", "strcmatch");
    private record Op(String text, T kind) {
    }

    // the longer spelling first: "==" before "=", "!=" and "!~" before "!"
    private static final List<Op> OPERATORS = List.of(new Op("==", T.STR_EQ), new Op("=~", T.REG),
            new Op("=", T.STR_EQ), new Op("!=", T.STR_NE), new Op("!~", T.NRE), new Op("!", T.NOT),
            new Op("<=", T.STR_LE), new Op("<", T.STR_LT), new Op(">=", T.STR_GE), new Op(">", T.STR_GT),
            new Op("&&", T.AND), new Op("||", T.OR), new Op(".", T.CONCAT));
    private static final int MAX = 8192; // MAX_STRING_LEN: the scanner's buffer for a string or a regex

    /** httpd's message for a boolean expression it refuses, or null. */
    public static String condition(String text) {
        return check(text, false);
    }

    /** httpd's message for a string expression (a value with %{...}) it refuses, or null. */
    public static String string(String text) {
        return check(text, true);
    }

    /** httpd's message for the expression, or null when httpd accepts it. */
    public static String check(String text, boolean stringResult) {
        List<Tok> toks = scan(text, stringResult);
        Parser p = new Parser(toks);
        try {
            p.seen();
            if (stringResult) {
                p.string(List.of(T.ERROR, T.STRING, T.BACKREF, T.VAR_BEGIN));
            } else {
                p.expr();
            }
            if (p.kind() != T.END) {
                throw p.syntax(List.of(T.END));
            }
            return p.error2;
        } catch (Stop s) {
            if (s.error == null) {
                return p.error2;
            }
            if (s.error == JAMMED) {
                return JAMMED; // the process stops there, without the handler's message
            }
            return p.error2 == null ? s.error : s.error + ": " + p.error2;
        }
    }

    // ---- the scanner (util_expr_scan.l) ----

    private enum Mode { INITIAL, STR, VAR, VARARG }

    /** The tokens up to $end or the first T_ERROR (whose text is the scanner's message). */
    static List<Tok> scan(String s, boolean stringResult) {
        List<Tok> out = new ArrayList<>();
        List<Mode> stack = new ArrayList<>();
        Mode mode = stringResult ? Mode.STR : Mode.INITIAL;
        char del = 0;
        StringBuilder buf = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (true) {
            if (mode == Mode.INITIAL) {
                if (i >= n) {
                    out.add(new Tok(T.END, ""));
                    return out;
                }
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n') {
                    i++;
                } else if (c == '"' || c == '\'') {
                    del = c;
                    buf.setLength(0);
                    mode = Mode.STR;
                    out.add(new Tok(T.STR_BEGIN, ""));
                    i++;
                } else if (c == '%' && i + 1 < n && s.charAt(i + 1) == '{') {
                    stack.add(mode);
                    mode = Mode.VAR;
                    out.add(new Tok(T.VAR_BEGIN, ""));
                    i += 2;
                } else if (c == '$' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                    out.add(new Tok(T.BACKREF, s.substring(i + 1, i + 2)));
                    i += 2;
                } else if (c == '/' || c == 'm' && i + 1 < n && "/#$%^,;:_?|-!.'\"".indexOf(s.charAt(i + 1)) >= 0
                        && !(s.charAt(i + 1) == '_' && i + 2 < n && (isAlnum(s.charAt(i + 2)) || s.charAt(i + 2) == '_'))) {
                    // (m_x... is the longer match of an identifier)
                    char rd = c == '/' ? '/' : s.charAt(i + 1);
                    int start = c == '/' ? i + 1 : i + 2;
                    int close = s.indexOf(rd, start);
                    if (close < 0) {
                        // no end: flex's default end of input in the regex state is the parser's $end
                        if (n - start >= MAX) {
                            return error(out, "Regexp too long");
                        }
                        out.add(new Tok(T.END, ""));
                        return out;
                    }
                    if (close - start >= MAX) {
                        return error(out, "Regexp too long");
                    }
                    String re = s.substring(start, close);
                    i = close + 1;
                    if (i < n && s.charAt(i) == 'i') {
                        out.add(new Tok(T.REGEX_I, re));
                        i++;
                    } else {
                        out.add(new Tok(T.REGEX, re));
                    }
                } else if (isDigit(c) || c == '-' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                    int j = i + 1;
                    while (j < n && isDigit(s.charAt(j))) {
                        j++;
                    }
                    out.add(new Tok(T.DIGIT, s.substring(i, j)));
                    i = j;
                } else if (c == '-' && i + 1 < n && (isAlpha(s.charAt(i + 1)) || s.charAt(i + 1) == '_')) {
                    int j = i + 2;
                    while (j < n && (isAlnum(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                    String w = s.substring(i + 1, j);
                    T k = switch (w) {
                        case "in" -> T.IN;
                        case "eq" -> T.EQ;
                        case "ne" -> T.NE;
                        case "ge" -> T.GE;
                        case "le" -> T.LE;
                        case "gt" -> T.GT;
                        case "lt" -> T.LT;
                        default -> w.length() == 1 ? T.UNARY : T.BINARY;
                    };
                    out.add(new Tok(k, w));
                    i = j;
                } else if (isAlpha(c)) {
                    int j = i + 1;
                    while (j < n && (isAlnum(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                    String w = s.substring(i, j);
                    T k = switch (w) {
                        case "and" -> T.AND;
                        case "or" -> T.OR;
                        case "not" -> T.NOT;
                        case "lt" -> T.LT;
                        case "le" -> T.LE;
                        case "gt" -> T.GT;
                        case "ge" -> T.GE;
                        case "ne" -> T.NE;
                        case "eq" -> T.EQ;
                        case "in" -> T.IN;
                        case "true" -> T.TRUE;
                        case "false" -> T.FALSE;
                        default -> T.ID;
                    };
                    out.add(new Tok(k, w));
                    i = j;
                } else if ("(){},:".indexOf(c) >= 0) {
                    out.add(new Tok(switch (c) {
                        case '(' -> T.LPAREN;
                        case ')' -> T.RPAREN;
                        case '{' -> T.LBRACE;
                        case '}' -> T.RBRACE;
                        case ',' -> T.COMMA;
                        default -> T.COLON;
                    }, String.valueOf(c)));
                    i++;
                } else {
                    T k = null;
                    for (Op op : OPERATORS) {
                        if (s.startsWith(op.text(), i)) {
                            k = op.kind();
                            i += op.text().length();
                            break;
                        }
                    }
                    if (k == null) {
                        return error(out, "Parse error near '" + c + "'");
                    }
                    out.add(new Tok(k, ""));
                }
            } else if (mode == Mode.VAR) {
                if (i >= n) {
                    return error(out, "Unterminated string or variable");
                }
                char c = s.charAt(i);
                if (isAlpha(c)) {
                    int j = i + 1;
                    while (j < n && (isAlnum(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                    out.add(new Tok(T.ID, s.substring(i, j)));
                    i = j;
                } else if (c == '}') {
                    mode = stack.remove(stack.size() - 1);
                    out.add(new Tok(T.VAR_END, ""));
                    i++;
                } else if (c == ':') {
                    mode = Mode.VARARG;
                    buf.setLength(0);
                    out.add(new Tok(T.COLON, ":"));
                    i++;
                } else if (c == '\n') {
                    return error(out, "Unterminated string or variable");
                } else {
                    return error(out, "Invalid character in variable name '" + c + "'");
                }
            } else {
                // STR or VARARG: text with escapes, variables and back-references
                boolean arg = mode == Mode.VARARG;
                if (i >= n) {
                    if (arg || !stringResult) {
                        return error(out, "Unterminated string or variable");
                    }
                    out.add(new Tok(T.STRING, buf.toString()));
                    out.add(new Tok(T.END, ""));
                    return out;
                }
                char c = s.charAt(i);
                if (!arg && (c == '"' || c == '\'') && c == del) {
                    if (buf.length() == 0) {
                        mode = Mode.INITIAL;
                        out.add(new Tok(T.STR_END, ""));
                        i++;
                    } else {
                        out.add(new Tok(T.STRING, buf.toString()));
                        buf.setLength(0);
                    }
                } else if (c == '\n') {
                    return error(out, "Unterminated string or variable");
                } else if (arg && (c == '"' || c == '\'')) {
                    return jammed(out); // no rule of the scanner matches a quote in a variable's argument
                } else if (c == '\\') {
                    if (i + 1 >= n) {
                        return jammed(out); // no rule of the scanner matches a lone backslash at the end
                    }
                    char e = s.charAt(i + 1);
                    if (e >= '0' && e <= '7') {
                        int j = i + 1;
                        while (j < n && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                            j++;
                        }
                        // flex takes the longest match: \[0-9]+ wins when more digits follow
                        int k = j;
                        while (k < n && isDigit(s.charAt(k))) {
                            k++;
                        }
                        if (k > j) {
                            return error(out, "Bad escape sequence");
                        }
                        if (Integer.parseInt(s.substring(i + 1, j), 8) > 0xff) {
                            return error(out, "Escape sequence out of bound");
                        }
                        buf.append((char) Integer.parseInt(s.substring(i + 1, j), 8));
                        i = j;
                    } else if (isDigit(e)) {
                        return error(out, "Bad escape sequence");
                    } else {
                        buf.append(e);
                        i += 2;
                    }
                } else if (c == '$' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                    if (buf.length() > 0) {
                        out.add(new Tok(T.STRING, buf.toString()));
                        buf.setLength(0);
                    } else {
                        out.add(new Tok(T.BACKREF, s.substring(i + 1, i + 2)));
                        i += 2;
                    }
                } else if (c == '%' && i + 1 < n && s.charAt(i + 1) == '{') {
                    if (buf.length() > 0) {
                        out.add(new Tok(T.STRING, buf.toString()));
                        buf.setLength(0);
                    } else {
                        stack.add(mode);
                        mode = Mode.VAR;
                        out.add(new Tok(T.VAR_BEGIN, ""));
                        i += 2;
                    }
                } else if (arg && c == '}') {
                    if (buf.length() > 0) {
                        out.add(new Tok(T.STRING, buf.toString()));
                        buf.setLength(0);
                    } else {
                        mode = stack.remove(stack.size() - 1);
                        out.add(new Tok(T.VAR_END, ""));
                        i++;
                    }
                } else {
                    buf.append(c);
                    i++;
                }
                if (buf.length() >= MAX) {
                    return error(out, "String too long");
                }
            }
        }
    }

    /** flex's fatal error, the whole message when the scanner jams (no handler prefixes it in httpd). */
    public static final String JAMMED = "flex scanner jammed";

    /** flex stops the whole process ("flex scanner jammed") when no rule matches the next input. */
    private static List<Tok> jammed(List<Tok> out) {
        out.add(new Tok(T.JAM, JAMMED));
        return out;
    }

    private static List<Tok> error(List<Tok> out, String message) {
        out.add(new Tok(T.ERROR, message));
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAlnum(char c) {
        return isAlpha(c) || isDigit(c);
    }

    // ---- the parser (util_expr_parse.y) ----

    /** The parse stops: a grammar error (its text), or an abort on an error token (null). */
    private static final class Stop extends RuntimeException {
        final String error;

        Stop(String error) {
            super(error, null, false, false);
            this.error = error;
        }
    }

    /** What a word is, as far as -R and -ipmatch care: a constant string (its text) or not (null). */
    private static final String NOT_CONSTANT = null;

    private static final class Parser {
        final List<Tok> toks;
        int pos;
        String error2;

        Parser(List<Tok> toks) {
            this.toks = toks;
        }

        T kind() {
            return toks.get(pos).kind();
        }

        String text() {
            return toks.get(pos).text();
        }

        /** The next token becomes the lookahead: a scanner error is recorded as it is read. */
        void next() {
            pos++;
            seen();
        }

        void seen() {
            if (kind() == T.ERROR) {
                error2 = text();
            } else if (kind() == T.JAM) {
                throw new Stop(JAMMED);
            }
        }

        Stop syntax(List<T> expected) {
            StringBuilder b = new StringBuilder("syntax error, unexpected ").append(kind().shown);
            for (int i = 0; i < expected.size(); i++) {
                b.append(i == 0 ? ", expecting " : " or ").append(expected.get(i).shown);
            }
            return new Stop(b.toString());
        }

        Stop many() {
            return syntax(List.of());
        }

        void expr() {
            primary();
            while (kind() == T.OR || kind() == T.AND) {
                next();
                primary();
            }
        }

        void primary() {
            switch (kind()) {
                case TRUE, FALSE -> next();
                case NOT -> {
                    next();
                    primary();
                }
                case LPAREN -> {
                    next();
                    expr();
                    if (kind() != T.RPAREN) {
                        throw syntax(List.of(T.OR, T.AND, T.RPAREN));
                    }
                    next();
                }
                case UNARY -> {
                    String op = text();
                    next();
                    String arg = word();
                    if (!UNARY.contains(op)) {
                        error2 = "Unary operator '-" + op + "' does not exist";
                    } else if (op.equals("R")) {
                        subnet(op, arg);
                    }
                }
                case ERROR -> throw new Stop(null);
                case DIGIT, VAR_BEGIN, BACKREF, ID, STR_BEGIN -> {
                    word();
                    T op = kind();
                    switch (op) {
                        case EQ, NE, LT, LE, GT, GE, STR_EQ, STR_NE, STR_LT, STR_LE, STR_GT, STR_GE -> {
                            next();
                            word();
                        }
                        case IN -> {
                            next();
                            wordList();
                        }
                        case REG, NRE -> {
                            next();
                            regex();
                        }
                        case BINARY -> {
                            String name = text();
                            next();
                            String arg = word();
                            String l = name.toLowerCase(Locale.ROOT);
                            if (!BINARY.contains(l)) {
                                error2 = "Binary operator '-" + name + "' does not exist";
                            } else if (l.equals("ipmatch")) {
                                subnet(name, arg);
                            }
                        }
                        default -> throw many();
                    }
                }
                default -> throw many();
            }
        }

        /** core's subnet_parse_arg: a constant "address[/mask]" as APR reads it. */
        private void subnet(String op, String arg) {
            if (arg == NOT_CONSTANT) {
                error2 = "-" + op + " requires subnet/netmask as constant argument";
                return;
            }
            int slash = arg.indexOf('/');
            String bad = slash < 0 ? ApacheHandlerChecks.subnet(arg, null)
                    : ApacheHandlerChecks.subnet(arg.substring(0, slash), arg.substring(slash + 1));
            if (bad != null) {
                error2 = "parsing of subnet/netmask failed";
            }
        }

        void regex() {
            if (kind() != T.REGEX && kind() != T.REGEX_I) {
                throw syntax(List.of(T.REGEX, T.REGEX_I));
            }
            if (Pcre2Syntax.check(text(), true) != null) {
                throw new Stop("Failed to compile regular expression");
            }
            next();
        }

        void wordList() {
            if (kind() == T.ID) {
                String name = text();
                next();
                call(name, LIST_FUNCTIONS, "List-returning function");
            } else if (kind() == T.LBRACE) {
                next();
                word();
                while (kind() == T.COMMA) {
                    next();
                    word();
                }
                if (kind() != T.RBRACE) {
                    throw syntax(List.of(T.RBRACE, T.COMMA));
                }
                next();
            } else {
                throw syntax(List.of(T.ID, T.LBRACE));
            }
        }

        /** After a function's name: ( word ), then the lookup (made before the next token is read). */
        private void call(String name, Set<String> known, String what) {
            if (kind() != T.LPAREN) {
                throw syntax(List.of(T.LPAREN));
            }
            next();
            word();
            if (kind() != T.RPAREN) {
                throw syntax(List.of(T.CONCAT, T.RPAREN));
            }
            if (!known.contains(name.toLowerCase(Locale.ROOT))) {
                error2 = what + " '" + name + "' does not exist";
            }
            next();
        }

        /** A word; returns its text when it is one constant string, else {@link #NOT_CONSTANT}. */
        String word() {
            String w = wordPart();
            while (kind() == T.CONCAT) {
                next();
                wordPart();
                w = NOT_CONSTANT;
            }
            return w;
        }

        private String wordPart() {
            switch (kind()) {
                case DIGIT, BACKREF -> {
                    next();
                    return NOT_CONSTANT;
                }
                case VAR_BEGIN -> {
                    var();
                    return NOT_CONSTANT;
                }
                case ID -> {
                    String name = text();
                    next();
                    call(name, FUNCTIONS, "Function");
                    return NOT_CONSTANT;
                }
                case STR_BEGIN -> {
                    next();
                    if (kind() == T.STR_END) {
                        next();
                        return "";
                    }
                    String s = string(List.of());
                    if (kind() != T.STR_END) {
                        throw syntax(List.of(T.STRING, T.BACKREF, T.STR_END, T.VAR_BEGIN));
                    }
                    next();
                    return s;
                }
                default -> throw many();
            }
        }

        /**
         * One or more string parts; {@code first} is what the parser names when the first token is
         * none (the state's expected tokens). Returns the text when it is a single constant part.
         */
        String string(List<T> first) {
            int parts = 0;
            String constant = NOT_CONSTANT;
            while (true) {
                switch (kind()) {
                    case STRING -> {
                        constant = parts == 0 ? text() : NOT_CONSTANT;
                        next();
                    }
                    case BACKREF -> {
                        constant = NOT_CONSTANT;
                        next();
                    }
                    case VAR_BEGIN -> {
                        constant = NOT_CONSTANT;
                        var();
                    }
                    default -> {
                        if (parts > 0) {
                            return constant;
                        }
                        throw kind() == T.ERROR ? new Stop(null) : syntax(first);
                    }
                }
                parts++;
            }
        }

        void var() {
            next();
            if (kind() != T.ID) {
                throw syntax(List.of(T.ID));
            }
            String name = text();
            next();
            if (kind() == T.VAR_END) {
                String l = name.toLowerCase(Locale.ROOT);
                if (!VARIABLES.contains(l) && !l.startsWith("ssl_") && !l.startsWith("hc_")) {
                    error2 = "Variable '" + name + "' does not exist";
                }
                next();
            } else if (kind() == T.COLON) {
                next();
                string(List.of(T.ERROR, T.STRING, T.BACKREF, T.VAR_BEGIN));
                if (kind() != T.VAR_END) {
                    throw syntax(List.of(T.STRING, T.BACKREF, T.VAR_BEGIN, T.VAR_END));
                }
                if (!FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))) {
                    error2 = "Function '" + name + "' does not exist";
                }
                next();
            } else {
                throw syntax(List.of(T.VAR_END, T.COLON));
            }
        }
    }
}
