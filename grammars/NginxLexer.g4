/*
 * nginx configuration tokens, modelled on nginx's own reader (ngx_conf_read_token):
 *  - '#' starts a comment only where a token may start ("a#b" is one word);
 *  - a word may not start with ; { } " ' # but may contain " ' # } anywhere after its first char;
 *  - '{' ends a word unless it follows '$' (so "${var}" stays one word; "$" may be followed by
 *    any number of '{');
 *  - '\' escapes the next character, in words and in quoted strings;
 *  - quoted strings run to the matching unescaped quote; an unterminated one runs to end of input
 *    (the driver reports it).
 * What may follow a closing quote, and what ; { } mean where, is checked by the driver
 * (dev.proxylint.nginx.NginxReader), which runs this lexer directly without a parser so that
 * nesting depth costs no Java stack.
 */
lexer grammar NginxLexer;

@header {package dev.proxylint.nginx.antlr;}

WS      : [ \t\r\n]+ -> skip ;
COMMENT : '#' ~[\n]* ;
SEMI    : ';' ;
LBRACE  : '{' ;
RBRACE  : '}' ;
DQUOTED : '"' ( ~["\\] | '\\' . )* ( '"' | '\\' )? ;
SQUOTED : '\'' ( ~['\\] | '\\' . )* ( '\'' | '\\' )? ;
WORD    : WORD_START WORD_PART* ;

fragment WORD_START : ~[ \t\r\n;{}"'#\\$] | ESCAPE | VARIABLE ;
fragment WORD_PART  : ~[ \t\r\n;{\\$] | ESCAPE | VARIABLE ;
fragment ESCAPE     : '\\' ( . | EOF ) ;
fragment VARIABLE   : '$' '{'* ;
