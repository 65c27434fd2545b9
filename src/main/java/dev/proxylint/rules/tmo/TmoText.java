package dev.proxylint.rules.tmo;

import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.syntax.Brief;

/** Wording the timeout rules share: route labels short enough for a finding's first sentence. */
final class TmoText {
    private TmoText() {
    }

    /**
     * A route label for a first sentence: without the backend URL ("ProxyPass /ws/ http://b/ws/" is
     * "ProxyPass /ws/", "ProxyPass http://b/ in <Location /ws>" is "ProxyPass in <Location /ws>"),
     * cut to {@code max} characters with an ellipsis; the rest of the message names the route whole.
     */
    static String route(String label, int max) {
        String s = ApacheRoute.brief(label);
        String[] w = s.split(" ", 3);
        if (w.length == 3 && w[1].contains("://") && w[2].startsWith("in <")) {
            s = w[0] + " " + w[2];
        }
        return Brief.cut(s, max);
    }


    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
