package dev.proxylint.syntax;

/** Outcome of an Apache {@code <IfModule>}/{@code <IfDefine>}/{@code <IfVersion>} test. */
public enum Cond {
    TRUE, FALSE, UNKNOWN
}
