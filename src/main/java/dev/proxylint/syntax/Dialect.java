package dev.proxylint.syntax;

/** The two configuration languages proxylint reads. */
public enum Dialect {
    NGINX("nginx"),
    APACHE("apache");

    private final String id;

    Dialect(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Dialect parse(String s) {
        for (Dialect d : values()) {
            if (d.id.equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + s + "' (expected nginx or apache)");
    }
}
