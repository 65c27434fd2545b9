package dev.proxylint.syntax;

/**
 * The first sentence of a finding about a file that cannot be read (CFG106): the subject, and the
 * reason as far as it fits in 100 characters; the rest of the message gives the path and the reason
 * whole.
 */
public final class ReadFailure {
    private ReadFailure() {
    }

    /** "SUBJECT cannot be read: REASON." or, when that is too long, "SUBJECT cannot be read." */
    public static String headline(String subject, String why) {
        String reason = why == null ? "" : why.strip();
        for (String stop : new String[] {": ", ", see ", " (see "}) {
            int i = reason.indexOf(stop);
            if (i > 0) {
                reason = reason.substring(0, i);
            }
        }
        String full = subject + " cannot be read: " + reason + ".";
        return reason.isEmpty() || full.length() > 100 || reason.endsWith(".") ? subject + " cannot be read." : full;
    }
}
