package dev.proxylint.syntax;

import java.util.concurrent.atomic.LongAdder;

/**
 * A counter of analysis work (directive visits, name comparisons, model lookups), off unless a test
 * turns it on. The scaling tests count it on configs of n and 4n servers: a rule that rescans the
 * tree per server shows up as work growing 16-fold, whatever the speed of the machine.
 */
public final class Work {
    private static volatile boolean counting;
    private static final LongAdder COUNT = new LongAdder();

    private Work() {
    }

    /** One unit of work (a directive looked at, a lookup answered). */
    public static void tick() {
        if (counting) {
            COUNT.increment();
        }
    }

    /** Starts counting from zero. */
    public static void start() {
        COUNT.reset();
        counting = true;
    }

    /** Stops counting and returns the work counted since {@link #start()}. */
    public static long stop() {
        counting = false;
        return COUNT.sum();
    }
}
