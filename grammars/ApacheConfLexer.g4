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
    /**
     * Whether the name token just read (blanks before it included) is RewriteRule or RewriteCond,
     * case-insensitively. A name holds no blank, so the last 11 characters must follow a blank.
     */
    private boolean rewriteName() {
        int end = _input.index();
        int start = end - 11;
        if (start < _tokenStartCharIndex) {
            return false;
        }
        if (start > _tokenStartCharIndex) {
            int c = _input.LA(-12);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
                return false;
            }
        }
        String t = _input.getText(org.antlr.v4.runtime.misc.Interval.of(start, end - 1));
        return t.equalsIgnoreCase("RewriteRule") || t.equalsIgnoreCase("RewriteCond");
    }
}

/*
 * For speed, blanks are not tokens of their own: each token includes the blanks before it (the
 * parser steps over them), and a line break includes the trailing blanks of its line. LWS only
 * matches blanks at the very end of the input.
 */
fragment B : [ \t\r\f\u000B] ;

NL      : B* '\n' ;
LWS     : B+ -> skip ;
COMMENT : B* '#' ~'\n'* ;
NAME    : B* ( '"' DQ_BODY | '\'' SQ_BODY | ~[ \t\r\f\u000B\n#"'] ~[ \t\r\f\u000B\n]* )
          { if (rewriteName()) mode(RW); else mode(ARGS); } ;

fragment DQ_BODY : ( '\\' ~'\n' | ~["\\\n] )* '\\'? '"'? ;
fragment SQ_BODY : ( '\\' ~'\n' | ~['\\\n] )* '\\'? '\''? ;

mode ARGS;
A_NL  : B* '\n' -> type(NL), mode(DEFAULT_MODE) ;
A_WS  : B+ -> skip ;
DQ    : B* '"' DQ_BODY ;
SQ    : B* '\'' SQ_BODY ;
WORD  : B* ~[ \t\r\f\u000B\n"'] ~[ \t\r\f\u000B\n]* ;

mode RW;
R_NL   : B* '\n' -> type(NL), mode(DEFAULT_MODE) ;
R_WS   : B+ -> skip ;
RW_DQ  : B* '"' ( '\\' B | ~["\n] )* '"'? ;
RW_SQ  : B* '\'' ( '\\' B | ~['\n] )* '\''? ;
RW_WORD: B* ( '\\' B | ~[ \t\r\f\u000B\n"'] ) ( '\\' B | ~[ \t\r\f\u000B\n] )* ;
