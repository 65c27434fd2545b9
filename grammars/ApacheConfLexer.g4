/*
 * Apache httpd configuration tokens over LOGICAL lines (continuations already joined by
 * dev.proxylint.apache.LogicalLines; each logical line ends in '\n').
 *
 * Modes follow what httpd does with a line:
 *  - DEFAULT (line start): a comment when the first non-blank character is '#', else the
 *    directive/section name, read like ap_getword_conf.
 *  - ARGS: arguments read like ap_getword_conf: a quote only opens a token at token start; inside
 *    quotes a backslash escapes the quote character and itself only; a closing quote ends the token.
 *  - RW: RewriteRule / RewriteCond arguments, which mod_rewrite splits itself: a backslash followed by
 *    a blank keeps the blank inside the token, there are no quote escapes.
 */
lexer grammar ApacheConfLexer;

@header {package dev.proxylint.apache.antlr;}

@members {
    /** Whether the name token just read is RewriteRule or RewriteCond (case-insensitive). */
    private boolean rewriteName() {
        int start = _tokenStartCharIndex;
        int len = _input.index() - start;
        if (len != 11) {
            return false;
        }
        String t = _input.getText(org.antlr.v4.runtime.misc.Interval.of(start, start + 10));
        return t.equalsIgnoreCase("RewriteRule") || t.equalsIgnoreCase("RewriteCond");
    }
}

NL      : '\n' ;
LWS     : [ \t\r\f\u000B]+ -> skip ;
COMMENT : '#' ~'\n'* ;
NAME    : ( '"' DQ_BODY | '\'' SQ_BODY | ~[ \t\r\f\u000B\n#"'] ~[ \t\r\f\u000B\n]* )
          { if (rewriteName()) mode(RW); else mode(ARGS); } ;

fragment DQ_BODY : ( '\\' ~'\n' | ~["\\\n] )* '\\'? '"'? ;
fragment SQ_BODY : ( '\\' ~'\n' | ~['\\\n] )* '\\'? '\''? ;

mode ARGS;
A_NL  : '\n' -> type(NL), mode(DEFAULT_MODE) ;
A_WS  : [ \t\r\f\u000B]+ -> skip ;
DQ    : '"' DQ_BODY ;
SQ    : '\'' SQ_BODY ;
WORD  : ~[ \t\r\f\u000B\n"'] ~[ \t\r\f\u000B\n]* ;

mode RW;
R_NL   : '\n' -> type(NL), mode(DEFAULT_MODE) ;
R_WS   : [ \t\r\f\u000B]+ -> skip ;
RW_DQ  : '"' ( '\\' [ \t\r\f\u000B] | ~["\n] )* '"'? ;
RW_SQ  : '\'' ( '\\' [ \t\r\f\u000B] | ~['\n] )* '\''? ;
RW_WORD: ( '\\' [ \t\r\f\u000B] | ~[ \t\r\f\u000B\n"'] ) ( '\\' [ \t\r\f\u000B] | ~[ \t\r\f\u000B\n] )* ;
