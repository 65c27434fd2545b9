package dev.proxylint.apache;

import dev.proxylint.syntax.Utf16CharStream;
import dev.proxylint.apache.antlr.ApacheConfLexer;
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
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * One file to a syntax tree: the logical-line pre-pass, the ANTLR lexer over the logical text, and
 * section nesting with an explicit stack (no recursion, so any nesting depth is fine).
 * Not thread-safe; {@link ApacheFrontend} makes one per call.
 */
final class ApacheParser {
    static final String SYNTAX = "SYN001";
    static final String BINARY = "SYN002";

    private final SourceFile file;
    private final LogicalLines ll;
    private final String lt;
    private final ProblemList problems = new ProblemList();
    private final NameCache names = new NameCache();

    // tokens of the current logical line
    private int[] tokType = new int[16];
    private int[] tokStart = new int[16];
    private int[] tokEnd = new int[16];
    private int ntok;

    private static final class Frame {
        final Directive section;
        final ArrayList<Node> items = new ArrayList<>();
        final int openEnd;

        Frame(Directive section, int openEnd) {
            this.section = section;
            this.openEnd = openEnd;
        }
    }

    private final ArrayList<Frame> stack = new ArrayList<>();
    private final ArrayList<Node> rootItems = new ArrayList<>();

    private ApacheParser(SourceFile file, LogicalLines ll) {
        this.file = file;
        this.ll = ll;
        this.lt = ll.text();
    }

    static ParsedFile parse(SourceFile file) {
        String text = file.text();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            Problem p = new Problem(BINARY, new Span(file, nul, nul + 1),
                    "binary input: the file contains a NUL byte, not an Apache configuration");
            return new ParsedFile(file, Dialect.APACHE, List.of(), List.of(p));
        }
        ApacheParser p = new ApacheParser(file, LogicalLines.of(text));
        p.run();
        return new ParsedFile(file, Dialect.APACHE, p.rootItems, p.problems.result());
    }

    /** Tokenizes one logical line on its own (resolve-time re-tokenizing after substitution). */
    static ApacheConfLexer lexerFor(String line, boolean rewrite) {
        ApacheConfLexer lx = new ApacheConfLexer(new Utf16CharStream(line, 0, line.length()));
        lx.removeErrorListeners();
        lx.mode(rewrite ? ApacheConfLexer.RW : ApacheConfLexer.ARGS);
        return lx;
    }

    private void run() {
        ApacheConfLexer lx = new ApacheConfLexer(new Utf16CharStream(lt, 0, lt.length()));
        lx.setTokenFactory(new ReusedTokenFactory());
        lx.removeErrorListeners();
        lx.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg,
                    RecognitionException e) {
                // every character is covered by some token rule; nothing to report
            }
        });
        ntok = 0;
        while (true) {
            Token t = lx.nextToken();
            int type = t.getType();
            if (type == Token.EOF) {
                endLine();
                break;
            }
            if (type == ApacheConfLexer.NL) {
                endLine();
                continue;
            }
            if (ntok == tokType.length) {
                tokType = java.util.Arrays.copyOf(tokType, ntok * 2);
                tokStart = java.util.Arrays.copyOf(tokStart, ntok * 2);
                tokEnd = java.util.Arrays.copyOf(tokEnd, ntok * 2);
            }
            int ts = t.getStartIndex();
            while (isBlank(lt.charAt(ts))) {
                ts++; // tokens carry the blanks before them
            }
            tokType[ntok] = type;
            tokStart[ntok] = ts;
            tokEnd[ntok] = t.getStopIndex() + 1;
            ntok++;
        }
        // EOF: httpd reports an open section, except inside an open conditional section (<IfModule>,
        // <IfDefine>, ...): a true one reads its body up to EOF without complaint, and a false one
        // is reported by the resolver, which knows it is false ("Expected </IfModule> before end of
        // configuration").
        for (int i = 0; i < stack.size(); i++) {
            Directive d = stack.get(i).section;
            if (isConditional(d.name())) {
                break;
            }
            problems.add(new Problem(SYNTAX, d.headSpan(), "<" + d.name() + "> was not closed."));
        }
        while (!stack.isEmpty()) {
            closeFrame(-1, lastEnd(stack.get(stack.size() - 1)));
        }
    }

    private int lastEnd(Frame f) {
        if (f.items.isEmpty()) {
            return f.section.end();
        }
        return f.items.get(f.items.size() - 1).span().end();
    }

    private List<Node> current() {
        return stack.isEmpty() ? rootItems : stack.get(stack.size() - 1).items;
    }

    private int phys(int logical) {
        return ll.toPhysical(logical);
    }

    private int physEnd(int logicalEnd) {
        return ll.toPhysicalEnd(logicalEnd);
    }

    private void endLine() {
        int n = ntok;
        ntok = 0;
        if (n == 0) {
            return;
        }
        if (tokType[0] == ApacheConfLexer.COMMENT) {
            int e = tokEnd[0];
            while (e > tokStart[0] + 1 && isBlank(lt.charAt(e - 1))) {
                e--;
            }
            current().add(new Comment(file, phys(tokStart[0]), physEnd(e)));
            return;
        }
        String rawName = names.get(lt, tokStart[0], tokEnd[0]);
        String name = rawName.charAt(0) == '"' || rawName.charAt(0) == '\''
                ? Words.value(lt, tokStart[0], tokEnd[0], ApacheConfLexer.DQ) : rawName;
        int lineStart = phys(tokStart[0]);
        int lineEnd = physEnd(tokEnd[n - 1]);
        if (name.startsWith("</")) {
            closeSection(name, n, lineStart, lineEnd);
            return;
        }
        if (name.startsWith("<") && name.length() > 1) {
            openSection(name, n, lineStart, lineEnd);
            return;
        }
        Directive d = new Directive(Dialect.APACHE, file, name, lineStart, physEnd(tokEnd[0]), lineEnd,
                args(1, n, -1));
        current().add(d);
    }

    /** Arguments from tokens [from, to); when cut >= 0, text at or after logical offset cut is dropped. */
    private List<Arg> args(int from, int to, int cut) {
        if (from >= to) {
            return List.of();
        }
        ArrayList<Arg> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int s = tokStart[i];
            int e = tokEnd[i];
            if (cut >= 0) {
                if (s >= cut) {
                    break;
                }
                e = Math.min(e, cut);
            }
            out.add(makeArg(s, e, tokType[i]));
        }
        return List.copyOf(out); // one or two arguments: no array, no spare capacity
    }

    private Arg makeArg(int s, int e, int type) {
        int ps = phys(s);
        int pe = physEnd(e);
        Quote q = Words.quoteOf(lt, s, e, type);
        if (q == Quote.NONE && pe - ps == e - s
                && (type == ApacheConfLexer.RW_WORD || !hasBackslash(s, e))) {
            return Arg.plain(file, ps, pe);
        }
        return new Arg(file, ps, pe, Words.value(lt, s, e, type), q);
    }

    private boolean hasBackslash(int s, int e) {
        for (int i = s; i < e; i++) {
            if (lt.charAt(i) == '\\') {
                return true;
            }
        }
        return false;
    }

    private void openSection(String name, int n, int lineStart, int lineEnd) {
        String sname;
        List<Arg> args;
        int nameEnd = physEnd(tokEnd[0]);
        if (name.endsWith(">") && n == 1) {
            sname = names.get(name, 1, name.length() - 1);
            nameEnd--;
            args = List.of();
        } else {
            sname = names.get(name, 1, name.endsWith(">") ? name.length() - 1 : name.length());
            int from = n > 1 ? tokStart[1] : tokEnd[0];
            int gt = tokEnd[n - 1] - 1;
            while (gt >= from && lt.charAt(gt) != '>') {
                gt--;
            }
            if (gt < from) {
                problems.add(new Problem(SYNTAX, new Span(file, lineStart, lineEnd),
                        "<" + sname + "> directive missing closing '>'"));
                args = args(1, n, -1);
            } else {
                args = args(1, n, gt);
            }
        }
        Directive d = new Directive(Dialect.APACHE, file, sname, lineStart, nameEnd, lineEnd, args);
        current().add(d);
        stack.add(new Frame(d, lineEnd));
    }

    private void closeSection(String name, int n, int lineStart, int lineEnd) {
        String cname;
        if (name.endsWith(">")) {
            cname = name.substring(2, name.length() - 1);
        } else {
            cname = name.substring(2);
            problems.add(new Problem(SYNTAX, new Span(file, lineStart, lineEnd),
                    "</" + cname + "> directive missing closing '>'"));
        }
        if (stack.isEmpty()) {
            problems.add(new Problem(SYNTAX, new Span(file, lineStart, lineEnd),
                    "</" + cname + "> without matching <" + cname + "> section"));
            return;
        }
        Frame top = stack.get(stack.size() - 1);
        if (top.section.name().equalsIgnoreCase(cname)) {
            closeFrame(lineStart, lineEnd);
            return;
        }
        problems.add(new Problem(SYNTAX, new Span(file, lineStart, lineEnd),
                "Expected </" + top.section.name() + "> but saw </" + cname + ">"));
        // recovery: if an outer section has this name, the inner ones end here unclosed
        for (int i = stack.size() - 2; i >= 0; i--) {
            if (stack.get(i).section.name().equalsIgnoreCase(cname)) {
                while (stack.size() - 1 > i) {
                    closeFrame(-1, lineStart);
                }
                closeFrame(lineStart, lineEnd);
                return;
            }
        }
        // otherwise the stray close tag is dropped
    }

    private void closeFrame(int closeStart, int end) {
        Frame f = stack.remove(stack.size() - 1);
        f.items.trimToSize();
        f.section.setBlock(f.items, f.openEnd, closeStart);
        f.section.setEnd(Math.max(end, f.section.end()));
    }

    /** The sections httpd evaluates while reading (their body is read, or skipped, at once). */
    static boolean isConditional(String name) {
        return name.regionMatches(true, 0, "If", 0, 2) && (name.equalsIgnoreCase("IfModule")
                || name.equalsIgnoreCase("IfDefine") || name.equalsIgnoreCase("IfVersion")
                || name.equalsIgnoreCase("IfFile") || name.equalsIgnoreCase("IfDirective")
                || name.equalsIgnoreCase("IfSection"));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }
}
