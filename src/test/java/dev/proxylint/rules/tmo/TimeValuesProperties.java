package dev.proxylint.rules.tmo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.facts.TimeValues;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The nginx and Apache time grammars, checked against generated durations. */
class TimeValuesProperties {
    static final String[] UNITS = {"w", "d", "h", "m", "s", "ms"};
    static final long[] MILLIS = {7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    /** A duration as nginx components: which units (in order), their counts, separators. */
    record Written(String text, long millis) {
    }

    @Provide
    Arbitrary<Written> durations() {
        Arbitrary<List<Boolean>> use = Arbitraries.of(true, false).list().ofSize(UNITS.length);
        Arbitrary<List<Integer>> counts = Arbitraries.integers().between(0, 9999).list().ofSize(UNITS.length);
        Arbitrary<Integer> trailing = Arbitraries.integers().between(-1, 999);
        Arbitrary<Boolean> spaced = Arbitraries.of(true, false);
        return Combinators.combine(use, counts, trailing, spaced).as((u, c, t, sp) -> {
            StringBuilder sb = new StringBuilder();
            long total = 0;
            boolean msUsed = false;
            for (int i = 0; i < UNITS.length; i++) {
                if (u.get(i)) {
                    if (sb.length() > 0 && sp) {
                        sb.append(' ');
                    }
                    sb.append(c.get(i)).append(UNITS[i]);
                    total += c.get(i) * MILLIS[i];
                    msUsed |= i == UNITS.length - 1;
                }
            }
            if (t >= 0 || sb.length() == 0) {
                int bare = Math.max(t, 0);
                if (sb.length() > 0 && sp) {
                    sb.append(' ');
                }
                sb.append(bare);
                total += bare * 1000L;
            }
            return new Written(sb.toString(), total);
        });
    }

    @Property(tries = 500)
    void generatedDurationParsesBackToItsMilliseconds(@ForAll("durations") Written w) {
        assertEquals(OptionalLong.of(w.millis()), TimeValues.nginxMillis(w.text()), w.text());
    }

    @Property(tries = 500)
    void shortestNotationRoundTrips(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long millis) {
        String s = TimeValues.formatNginx(millis);
        assertEquals(OptionalLong.of(millis), TimeValues.nginxMillis(s), s);
        assertTrue(!TimeValues.nginxEndsWithoutUnit(s), s);
    }

    @Property(tries = 300)
    void unitsOutOfOrderAreRejected(@ForAll @IntRange(min = 0, max = 5) int a, @ForAll @IntRange(min = 0, max = 5) int b,
            @ForAll @IntRange(min = 1, max = 999) int x, @ForAll @IntRange(min = 1, max = 999) int y) {
        if (a <= b) {
            // same unit twice or a smaller unit first, then a larger one: nginx refuses both
            String s = x + UNITS[b] + y + UNITS[a];
            assertTrue(TimeValues.nginxMillis(s).isEmpty(), s);
        }
    }

    @Property(tries = 300)
    void spaceBetweenNumberAndUnitFractionsAndJunkAreRejected(@ForAll @IntRange(min = 0, max = 5) int u,
            @ForAll @IntRange(min = 0, max = 99999) int n, @ForAll("junk") String junk) {
        assertTrue(TimeValues.nginxMillis(n + " " + UNITS[u]).isEmpty());
        assertTrue(TimeValues.nginxMillis(n + ".5" + UNITS[u]).isEmpty());
        assertTrue(TimeValues.nginxMillis(" " + n + UNITS[u]).isEmpty());
        assertTrue(TimeValues.nginxMillis(n + UNITS[u] + junk).isEmpty(), n + UNITS[u] + junk);
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of("x", "$t", "-", "S", "H", "min", "sec", ".", "mm", "msx", "us");
    }

    @Property(tries = 200)
    void monthsAndYearsOnlyForSecondDirectives(@ForAll @IntRange(min = 1, max = 99) int n) {
        assertTrue(TimeValues.nginxMillis(n + "M").isEmpty());
        assertTrue(TimeValues.nginxMillis(n + "y").isEmpty());
        assertEquals(OptionalLong.of(n * 30L * 86400), TimeValues.nginxSeconds(n + "M"));
        assertEquals(OptionalLong.of(n * 365L * 86400 + 3600), TimeValues.nginxSeconds(n + "y1h"));
        assertTrue(TimeValues.nginxSeconds(n + "ms").isEmpty(), "seconds directives have no ms");
    }

    @Property(tries = 300)
    void apacheAtoiDropsAnySuffix(@ForAll @IntRange(min = 0, max = 1_000_000) int n, @ForAll("junk") String suffix) {
        assertEquals(OptionalLong.of(n), TimeValues.apacheAtoiSeconds(n + suffix));
        assertEquals(suffix, TimeValues.apacheAtoiRest(n + suffix));
    }

    @Property(tries = 300)
    void apacheUnitValuesRoundTrip(@ForAll @IntRange(min = 0, max = 1_000_000) int n,
            @ForAll @IntRange(min = 0, max = 3) int u) {
        String[] units = {"ms", "s", "mi", "h"};
        long[] scale = {1, 1000, 60_000, 3_600_000};
        assertEquals(OptionalLong.of(n * scale[u]), TimeValues.apacheUnitMillis(n + units[u], "s"));
        assertTrue(TimeValues.apacheUnitMillis(n + "m", "s").isEmpty(), "Apache has no bare m");
        assertTrue(TimeValues.apacheUnitMillis(n + units[u] + "x", "s").isEmpty());
    }
}
