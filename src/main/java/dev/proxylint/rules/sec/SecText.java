package dev.proxylint.rules.sec;

/** Wording the security rules share: values short enough for a finding's first sentence. */
final class SecText {
    private SecText() {
    }

    /** " WHAT is WHOLE." when {@code brief} is shorter than {@code whole}, else nothing. */
    static String whole(String what, String brief, String whole) {
        return brief.equals(whole) ? "" : " " + what + " is " + whole + ".";
    }
}
