package dev.proxylint.facts;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Time values as the servers read them. nginx ({@code ngx_parse_time}): components {@code <n><unit>}
 * in falling order of units {@code y M w d h m s ms}, optionally separated by spaces after a unit; a
 * final number without unit means seconds; millisecond directives (most timeouts) refuse {@code y} and
 * {@code M}. Apache: {@code Timeout}, {@code ProxyTimeout} and the worker key {@code timeout=} read
 * whole seconds with {@code atoi} (a unit is silently dropped), while {@code connectiontimeout=},
 * {@code ping=} and {@code acquire=} go through {@code ap_timeout_parameter_parse} (units {@code ms},
 * {@code s}, {@code mi}, {@code h}).
 */
public final class TimeValues {
    private static final long MAX = Long.MAX_VALUE;

    /** nginx directives whose values are times read in milliseconds (ngx_conf_set_msec_slot). */
    public static final Set<String> NGINX_MSEC = Set.of("proxy_read_timeout", "proxy_send_timeout",
            "proxy_connect_timeout", "proxy_next_upstream_timeout", "grpc_read_timeout", "grpc_send_timeout",
            "grpc_connect_timeout", "grpc_next_upstream_timeout", "fastcgi_read_timeout", "fastcgi_send_timeout",
            "fastcgi_connect_timeout", "uwsgi_read_timeout", "uwsgi_send_timeout", "uwsgi_connect_timeout",
            "scgi_read_timeout", "scgi_send_timeout", "scgi_connect_timeout", "client_body_timeout",
            "client_header_timeout", "send_timeout", "resolver_timeout", "lingering_time", "lingering_timeout",
            "keepalive_time", "proxy_cache_lock_timeout", "proxy_cache_lock_age", "auth_delay");
    /** nginx directives whose values are times read in seconds (ngx_conf_set_sec_slot). */
    public static final Set<String> NGINX_SEC = Set.of("ssl_session_timeout", "proxy_ssl_session_timeout");

    private TimeValues() {
    }

    /** Whether an nginx directive takes a time in its first argument; null if not, else whether seconds. */
    public static Boolean nginxTimeDirective(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (NGINX_MSEC.contains(n) || n.equals("keepalive_timeout")) {
            return Boolean.FALSE;
        }
        if (NGINX_SEC.contains(n)) {
            return Boolean.TRUE;
        }
        return null;
    }

    /** An nginx time in milliseconds as a millisecond directive reads it, or empty when nginx refuses it. */
    public static OptionalLong nginxMillis(String text) {
        return parseNginx(text, false);
    }

    /** An nginx time in seconds as a seconds directive ({@code ssl_session_timeout}) reads it, or empty. */
    public static OptionalLong nginxSeconds(String text) {
        return parseNginx(text, true);
    }

    private enum Step {
        START, YEAR, MONTH, WEEK, DAY, HOUR, MIN, SEC, MSEC
    }

    /** A port of ngx_parse_time: the result is milliseconds ({@code sec == false}) or seconds. */
    static OptionalLong parseNginx(String s, boolean sec) {
        Step step = sec ? Step.START : Step.MONTH;
        boolean valid = false;
        long value = 0;
        long total = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (value > (MAX - (c - '0')) / 10) {
                    return OptionalLong.empty();
                }
                value = value * 10 + (c - '0');
                valid = true;
                i++;
                continue;
            }
            i++;
            long scale;
            long max;
            switch (c) {
                case 'y' -> {
                    if (step.compareTo(Step.START) > 0) {
                        return OptionalLong.empty();
                    }
                    step = Step.YEAR;
                    scale = 60L * 60 * 24 * 365;
                }
                case 'M' -> {
                    if (step.compareTo(Step.MONTH) >= 0) {
                        return OptionalLong.empty();
                    }
                    step = Step.MONTH;
                    scale = 60L * 60 * 24 * 30;
                }
                case 'w' -> {
                    if (step.compareTo(Step.WEEK) >= 0) {
                        return OptionalLong.empty();
                    }
                    step = Step.WEEK;
                    scale = 60L * 60 * 24 * 7;
                }
                case 'd' -> {
                    if (step.compareTo(Step.DAY) >= 0) {
                        return OptionalLong.empty();
                    }
                    step = Step.DAY;
                    scale = 60L * 60 * 24;
                }
                case 'h' -> {
                    if (step.compareTo(Step.HOUR) >= 0) {
                        return OptionalLong.empty();
                    }
                    step = Step.HOUR;
                    scale = 60L * 60;
                }
                case 'm' -> {
                    if (i < n && s.charAt(i) == 's') {
                        if (sec || step.compareTo(Step.MSEC) >= 0) {
                            return OptionalLong.empty();
                        }
                        i++;
                        step = Step.MSEC;
                        scale = 1;
                    } else {
                        if (step.compareTo(Step.MIN) >= 0) {
                            return OptionalLong.empty();
                        }
                        step = Step.MIN;
                        scale = 60;
                    }
                }
                case 's' -> {
                    if (step.compareTo(Step.SEC) >= 0) {
                        return OptionalLong.empty();
                    }
                    step = Step.SEC;
                    scale = 1;
                }
                default -> {
                    return OptionalLong.empty();
                }
            }
            max = MAX / scale;
            if (step != Step.MSEC && !sec) {
                scale *= 1000;
                max = MAX / scale;
            }
            if (value > max) {
                return OptionalLong.empty();
            }
            value *= scale;
            if (total > MAX - value) {
                return OptionalLong.empty();
            }
            total += value;
            value = 0;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
        }
        if (!valid) {
            return OptionalLong.empty();
        }
        if (!sec) {
            if (value > MAX / 1000) {
                return OptionalLong.empty();
            }
            value *= 1000;
        }
        if (total > MAX - value) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(total + value);
    }

    /** Whether a (valid) nginx time ends in a bare number, which nginx reads as seconds. */
    public static boolean nginxEndsWithoutUnit(String s) {
        String t = s.strip();
        return !t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1));
    }

    /** Milliseconds in the shortest nginx notation ({@code 1h30m}, {@code 500ms}, {@code 0s}); no y/M. */
    public static String formatNginx(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] scales = {7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] units = {"w", "d", "h", "m", "s", "ms"};
        long rest = millis;
        for (int k = 0; k < scales.length; k++) {
            if (rest >= scales[k]) {
                sb.append(rest / scales[k]).append(units[k]);
                rest %= scales[k];
            }
        }
        return sb.toString();
    }

    /** Human words for a duration in milliseconds: "60 s", "1.5 s", "1 h". */
    public static String describe(long millis) {
        if (millis % 1000 != 0) {
            return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.3f s", millis / 1000.0).replaceAll("0+ s$", " s");
        }
        long s = millis / 1000;
        if (s >= 3600 && s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s >= 60 && s % 60 == 0 && s < 3600) {
            return s / 60 + " min";
        }
        return s + " s";
    }

    /**
     * An Apache whole-seconds value as {@code atoi} reads it (leading blanks and sign, then digits;
     * the rest ignored): {@code "5m"} is 5. Empty when there are no digits (atoi gives 0).
     */
    public static OptionalLong apacheAtoiSeconds(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        long v = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == start) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(neg ? -v : v);
    }

    /** The text after atoi's digits ({@code "m"} in {@code "5m"}), empty when the value is a plain number. */
    public static String apacheAtoiRest(String s) {
        String t = s.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        return t.substring(i);
    }

    /**
     * A value of {@code ap_timeout_parameter_parse} in milliseconds: digits then an optional unit
     * {@code ms}, {@code s}, {@code mi} or {@code h}; a bare number is in {@code defaultUnit}. Empty
     * when Apache refuses it.
     */
    public static OptionalLong apacheUnitMillis(String s, String defaultUnit) {
        int i = 0;
        int n = s.length();
        long v = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            if (v > (MAX - 9) / 10) {
                return OptionalLong.empty();
            }
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == 0) {
            return OptionalLong.empty();
        }
        String unit = i == n ? defaultUnit : s.substring(i);
        long scale = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "mi" -> 60_000;
            case "h" -> 3_600_000;
            default -> -1;
        };
        if (scale < 0 || v > MAX / scale) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(v * scale);
    }

    /**
     * The seconds a value with a unit was probably meant to be ({@code 5m} → 300, {@code 500ms} → 1),
     * read with nginx's and Apache's unit names; empty when the unit is not recognised.
     */
    public static OptionalLong intendedSeconds(String s) {
        String t = s.strip();
        OptionalLong ms = apacheUnitMillis(t, "s");
        if (ms.isEmpty()) {
            String u = t.replaceFirst("^\\d+", "");
            String num = t.substring(0, t.length() - u.length());
            if (num.isEmpty() || num.length() > 12) {
                return OptionalLong.empty();
            }
            long v = Long.parseLong(num);
            long scale = switch (u) {
                case "m", "min", "mins", "minute", "minutes" -> 60_000;
                case "sec", "secs", "second", "seconds" -> 1000;
                case "hour", "hours" -> 3_600_000;
                case "d", "day", "days" -> 86_400_000;
                default -> -1;
            };
            if (scale < 0) {
                ms = nginxMillis(t);
                if (ms.isEmpty()) {
                    return OptionalLong.empty();
                }
            } else {
                ms = OptionalLong.of(v * scale);
            }
        }
        return OptionalLong.of(Math.max(1, (ms.getAsLong() + 999) / 1000));
    }
}
