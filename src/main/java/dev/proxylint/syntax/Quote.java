package dev.proxylint.syntax;

/** How an argument was written. */
public enum Quote {
    NONE, SINGLE, DOUBLE
}
