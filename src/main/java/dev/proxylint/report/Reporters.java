package dev.proxylint.report;

import java.util.List;
import java.util.Locale;

/** Picks the reporter for a {@code --format} name. */
public final class Reporters {
    /** The formats, in the order {@code --help} lists them. */
    public static final List<String> FORMATS = List.of("text", "concise", "json", "sarif", "github");

    private Reporters() {
    }

    /** The reporter for a format name; IllegalArgumentException (naming the valid ones) when unknown. */
    public static Reporter create(String format, ReportOptions options) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> new TextReporter(options);
            case "concise" -> new ConciseReporter();
            case "json" -> new JsonReporter(options);
            case "sarif" -> new SarifReporter(options);
            case "github" -> new GithubReporter(options);
            default -> throw new IllegalArgumentException(
                    "unknown format '" + format + "' (expected one of " + String.join(", ", FORMATS) + ")");
        };
    }
}
