package dev.proxylint.nginx;

import dev.proxylint.syntax.Utf16CharStream;
import dev.proxylint.nginx.antlr.NginxLexer;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Comment;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ProblemList;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.Quote;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Drives the ANTLR {@link NginxLexer} directly (no ANTLR parser, no parse tree, no token list) and
 * builds the shared syntax tree with an explicit stack of open blocks, applying the rules of
 * nginx's ngx_conf_read_token/ngx_conf_parse that a lexer cannot express: what may follow a closing
 * quote, where ; { } are allowed, and the end-of-file checks. One instance per parse.
 */
final class NginxReader {
    static final String SYNTAX = "SYN001";
    static final String BINARY = "SYN002";

    private final SourceFile file;
    private final String text;
    private final ProblemList problems = new ProblemList();

    // the statement being read: its name token and arguments so far
    private String name;
    private int nameStart = -1;
    private int nameEnd;
    private int lastTokenEnd;
    private final ArrayList<Arg> args = new ArrayList<>();

    private static final class Frame {
        final Directive owner; // null: top level, or an anonymous block after a "{" with no name
        final ArrayList<Node> items = new ArrayList<>();
        final int open;

        Frame(Directive owner, int open) {
            this.owner = owner;
            this.open = open;
        }
    }

    private final ArrayList<Frame> stack = new ArrayList<>();

    private NginxReader(SourceFile file) {
        this.file = file;
        this.text = file.text();
    }

    static ParsedFile read(SourceFile file) {
        return new NginxReader(file).run();
    }

    /** A token factory that reuses one token: the driver reads each token before asking for the next. */
    private static final class ReusingFactory implements TokenFactory<CommonToken> {
        private final CommonToken token = new CommonToken(Token.INVALID_TYPE);

        @Override
        public CommonToken create(Pair<TokenSource, CharStream> source, int type, String text, int channel,
                int start, int stop, int line, int charPositionInLine) {
            token.setType(type);
            token.setStartIndex(start);
            token.setStopIndex(stop);
            return token;
        }

        @Override
        public CommonToken create(int type, String text) {
            token.setType(type);
            return token;
        }
    }

    private ParsedFile run() {
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            problems.add(new Problem(BINARY, file.span(nul, nul + 1),
                    "binary input: the file contains NUL bytes and is not an nginx configuration"));
            return new ParsedFile(file, Dialect.NGINX, List.of(), problems.result());
        }
        Utf16CharStream in = new Utf16CharStream(text);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            in.seek(1); // a byte-order mark left in the text is not part of the first token
        }
        NginxLexer lexer = new NginxLexer(in);
        lexer.removeErrorListeners();
        lexer.setTokenFactory(new ReusingFactory());
        stack.add(new Frame(null, -1));
        int quoteEnd = -1; // end of the last closed quoted argument: nginx's need_space state
        boolean eofReported = false;
        int unterminatedQuote = -1;
        int len = text.length();
        for (;;) {
            // whitespace is skipped here rather than by the lexer's WS rule: same result, much cheaper
            int at = in.index();
            while (at < len) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
                    break;
                }
                at++;
            }
            in.seek(at);
            Token t = lexer.nextToken();
            int type = t.getType();
            if (type == Token.EOF) {
                break;
            }
            int s = t.getStartIndex();
            int e = t.getStopIndex() + 1;
            if (quoteEnd == s && type != NginxLexer.SEMI && type != NginxLexer.LBRACE
                    && !(type == NginxLexer.WORD && text.charAt(s) == ')')) {
                error(s, s + 1, "unexpected \"" + text.charAt(s) + "\"");
            }
            quoteEnd = -1;
            switch (type) {
                case NginxLexer.COMMENT -> {
                    int ce = e > s + 1 && text.charAt(e - 1) == '\r' ? e - 1 : e;
                    top().items.add(new Comment(file, s, ce));
                }
                case NginxLexer.WORD -> {
                    if (name == null && !hasBackslash(s, e)) {
                        name = name(s, e);
                        nameStart = s;
                        nameEnd = e;
                        lastTokenEnd = e;
                    } else {
                        token(word(s, e), s, e);
                    }
                }
                case NginxLexer.DQUOTED, NginxLexer.SQUOTED -> {
                    char q = text.charAt(s);
                    boolean closed = e - s >= 2 && text.charAt(e - 1) == q && !escapedAt(s + 1, e - 1);
                    int innerEnd = closed ? e - 1 : e;
                    Arg a = new Arg(file, s, e, unescape(s + 1, innerEnd),
                            q == '"' ? Quote.DOUBLE : Quote.SINGLE);
                    token(a, s, e);
                    if (closed) {
                        quoteEnd = e;
                    } else {
                        unterminatedQuote = s;
                    }
                }
                case NginxLexer.SEMI -> {
                    if (name == null) {
                        error(s, e, "unexpected \";\"");
                    } else {
                        top().items.add(finish(e));
                    }
                }
                case NginxLexer.LBRACE -> {
                    if (name == null) {
                        error(s, e, "unexpected \"{\"");
                        stack.add(new Frame(null, s));
                    } else if (isLuaBlock(name)) {
                        int close = luaBlockEnd(s + 1);
                        int bodyEnd = close < 0 ? text.length() : close;
                        args.add(Arg.plain(file, s + 1, bodyEnd));
                        Directive d = finish(close < 0 ? text.length() : close + 1);
                        d.setBlock(List.of(), s, close);
                        top().items.add(d);
                        if (close < 0) {
                            eofError("unexpected end of file, expecting \"}\"", s);
                            eofReported = true;
                            in.seek(text.length());
                        } else {
                            in.seek(close + 1);
                        }
                    } else {
                        Directive d = finish(e);
                        top().items.add(d);
                        stack.add(new Frame(d, s));
                    }
                }
                case NginxLexer.RBRACE -> {
                    if (name != null) {
                        error(s, e, "unexpected \"}\"");
                        top().items.add(finish(lastTokenEnd));
                    }
                    if (stack.size() == 1) {
                        if (name == null) {
                            error(s, e, "unexpected \"}\"");
                        }
                    } else {
                        close(s, e);
                    }
                }
                default -> error(s, e, "unexpected \"" + text.charAt(s) + "\"");
            }
        }
        if (name != null) {
            if (!eofReported) {
                if (unterminatedQuote >= 0 && unterminatedQuote >= nameStart) {
                    eofError("unexpected end of file, expecting \";\" or \"}\" (unterminated quoted string)",
                            unterminatedQuote);
                } else {
                    eofError("unexpected end of file, expecting \";\" or \"}\"", -1);
                }
                eofReported = true;
            }
            top().items.add(finish(len));
        }
        if (stack.size() > 1 && !eofReported) {
            eofError("unexpected end of file, expecting \"}\"", top().open);
        }
        while (stack.size() > 1) {
            Frame f = stack.remove(stack.size() - 1);
            if (f.owner != null) {
                f.owner.setBlock(f.items, f.open, -1);
                f.owner.setEnd(len);
            } else {
                top().items.addAll(f.items);
            }
        }
        return new ParsedFile(file, Dialect.NGINX, stack.get(0).items, problems.result());
    }

    private Frame top() {
        return stack.get(stack.size() - 1);
    }

    private void close(int s, int e) {
        Frame f = stack.remove(stack.size() - 1);
        if (f.owner != null) {
            f.items.trimToSize();
            f.owner.setBlock(f.items, f.open, s);
            f.owner.setEnd(e);
        } else {
            top().items.addAll(f.items);
        }
    }

    // Directive names repeat endlessly: one String per distinct name for the whole run, shared by
    // every file and thread and the same instance as the code's literals (String.intern), so that a
    // name compares and hashes by identity in the rules' lookups (a tree of 20,000 small files made
    // a String per name and file, and StringLatin1.equals became the rule phase's top frame). The
    // table is written racily on purpose: strings are immutable, so any thread may publish one, and
    // a lost write only costs a later intern() of the same name.
    private static final String[] NAMES = new String[2048];

    private String name(int s, int e) {
        if (e - s > 48) {
            return text.substring(s, e);
        }
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + text.charAt(i);
        }
        int slot = (h ^ (h >>> 11)) & (NAMES.length - 1);
        String known = NAMES[slot];
        if (known != null && known.length() == e - s && text.regionMatches(s, known, 0, e - s)) {
            return known;
        }
        String fresh = text.substring(s, e).intern();
        NAMES[slot] = fresh;
        return fresh;
    }

    private void token(Arg a, int s, int e) {
        if (name == null) {
            name = a.value();
            nameStart = s;
            nameEnd = e;
        } else {
            args.add(a);
        }
        lastTokenEnd = e;
    }

    private Directive finish(int end) {
        Directive d = new Directive(Dialect.NGINX, file, name, nameStart, nameEnd, end, args.toArray(new Arg[0]));
        name = null;
        nameStart = -1;
        args.clear();
        return d;
    }

    private void error(int s, int e, String message) {
        if (!problems.isEmpty() && problems.get(problems.size() - 1).span().start() == s) {
            return; // one problem per place
        }
        problems.add(new Problem(SYNTAX, file.span(s, e), message));
    }

    private void eofError(String message, int relatedAt) {
        int len = text.length();
        List<Span> related = relatedAt >= 0 ? List.of(file.span(relatedAt, relatedAt + 1)) : List.of();
        String where = relatedAt >= 0 ? " (opened at " + file.line(relatedAt) + ":" + file.column(relatedAt) + ")" : "";
        problems.add(new Problem(SYNTAX, file.span(len, len), message + where, related));
    }

    /** Whether the character at {@code at} is escaped by an odd run of backslashes starting at or after {@code from}. */
    private boolean escapedAt(int from, int at) {
        int n = 0;
        for (int i = at - 1; i >= from && text.charAt(i) == '\\'; i--) {
            n++;
        }
        return (n & 1) == 1;
    }

    private boolean hasBackslash(int s, int e) {
        for (int i = s; i < e; i++) {
            if (text.charAt(i) == '\\') {
                return true;
            }
        }
        return false;
    }

    private Arg word(int s, int e) {
        return hasBackslash(s, e) ? new Arg(file, s, e, unescape(s, e), Quote.NONE) : Arg.plain(file, s, e);
    }

    /** nginx's unescaping: \" \' \\ give the character, \t \r \n the control character, others stay. */
    private String unescape(int s, int e) {
        int i = s;
        while (i < e && text.charAt(i) != '\\') {
            i++;
        }
        if (i == e) {
            return text.substring(s, e);
        }
        StringBuilder sb = new StringBuilder(e - s);
        sb.append(text, s, i);
        while (i < e) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < e) {
                char n = text.charAt(i + 1);
                switch (n) {
                    case '"', '\'', '\\' -> {
                        sb.append(n);
                        i += 2;
                        continue;
                    }
                    case 't' -> {
                        sb.append('\t');
                        i += 2;
                        continue;
                    }
                    case 'r' -> {
                        sb.append('\r');
                        i += 2;
                        continue;
                    }
                    case 'n' -> {
                        sb.append('\n');
                        i += 2;
                        continue;
                    }
                    default -> {
                        // kept as written
                    }
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** {@code content_by_lua_block}, {@code init_worker_by_lua_block}, ... and plain {@code lua_block}. */
    static boolean isLuaBlock(String directive) {
        return directive.endsWith("_by_lua_block") || directive.endsWith("lua_block");
    }

    /**
     * Offset of the {@code }} closing a Lua block whose body starts at {@code from}, or -1. Lua
     * strings, long brackets and comments do not count braces.
     */
    private int luaBlockEnd(int from) {
        int depth = 1;
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            switch (c) {
                case '{' -> {
                    depth++;
                    i++;
                }
                case '}' -> {
                    if (--depth == 0) {
                        return i;
                    }
                    i++;
                }
                case '"', '\'' -> {
                    i++;
                    while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                        i += text.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                }
                case '[' -> {
                    int level = longBracketLevel(i);
                    i = level >= 0 ? longBracketEnd(i + level + 2, level) : i + 1;
                }
                case '-' -> {
                    if (i + 1 < n && text.charAt(i + 1) == '-') {
                        i += 2;
                        int level = i < n && text.charAt(i) == '[' ? longBracketLevel(i) : -1;
                        if (level >= 0) {
                            i = longBracketEnd(i + level + 2, level);
                        } else {
                            while (i < n && text.charAt(i) != '\n') {
                                i++;
                            }
                        }
                    } else {
                        i++;
                    }
                }
                default -> i++;
            }
        }
        return -1;
    }

    /** For {@code [==[} at {@code at}: the number of {@code =}; -1 when not a long bracket. */
    private int longBracketLevel(int at) {
        int i = at + 1;
        int n = text.length();
        while (i < n && text.charAt(i) == '=') {
            i++;
        }
        return i < n && text.charAt(i) == '[' ? i - at - 1 : -1;
    }

    /** Offset just past the {@code ]==]} of the given level, searching from {@code from}; end of text if none. */
    private int longBracketEnd(int from, int level) {
        int n = text.length();
        for (int i = from; i < n; i++) {
            if (text.charAt(i) == ']') {
                int j = i + 1;
                while (j < n && text.charAt(j) == '=') {
                    j++;
                }
                if (j < n && text.charAt(j) == ']' && j - i - 1 == level) {
                    return j + 1;
                }
            }
        }
        return n;
    }
}
