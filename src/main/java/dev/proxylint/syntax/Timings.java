package dev.proxylint.syntax;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a run spends its time, for profiling work (bench/README.md): with
 * {@code -Dproxylint.timings=true} the linter adds up the wall time of each phase and the CPU
 * time of each rule and of each fact (a rule that is first to ask for a fact also pays for
 * building it) and prints them to standard error at the end of the run. Off by default; then it costs one boolean test per rule.
 */
public final class Timings {
    static final boolean ON = Boolean.getBoolean("proxylint.timings");
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();

    private Timings() {
    }

    /**
     * Records how long the JVM took to reach {@code main} (its uptime there), as the phase
     * "start-up: JVM to main"; the first thing main does when timings are on.
     */
    public static void jvmToMain() {
        if (ON) {
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            NANOS.computeIfAbsent("start-up: JVM to main", k -> new LongAdder()).add(uptime * 1_000_000L);
        }
    }

    public static long start() {
        return ON ? System.nanoTime() : 0;
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            ON ? java.lang.management.ManagementFactory.getThreadMXBean() : null;

    /** The current thread's CPU time (no GC pauses, no waiting), for {@link #addCpu}. */
    public static long startCpu() {
        return ON ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    public static void addCpu(String what, long start) {
        if (ON) {
            NANOS.computeIfAbsent(what, k -> new LongAdder()).add(THREADS.getCurrentThreadCpuTime() - start);
        }
    }

    public static void add(String what, long start) {
        if (ON) {
            NANOS.computeIfAbsent(what, k -> new LongAdder()).add(System.nanoTime() - start);
        }
    }

    /** Prints the totals, largest first, and clears them. */
    public static void print(PrintStream out) {
        if (!ON) {
            return;
        }
        Map<Long, String> byTime = new TreeMap<>((a, b) -> Long.compare(b, a));
        NANOS.forEach((k, v) -> byTime.merge(v.sum(), k, (x, y) -> x + ", " + y));
        byTime.forEach((n, k) -> out.printf("proxylint: timing: %8.1f ms  %s%n", n / 1e6, k));
        NANOS.clear();
    }
}
