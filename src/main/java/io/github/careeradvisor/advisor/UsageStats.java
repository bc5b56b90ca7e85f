package io.github.careeradvisor.advisor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What /stats reports to admins since the start: how many people, questions, the share answered from
 * the knowledge, latency and errors. Counts only: no text, no ids leave this class.
 */
public final class UsageStats {

    /** Latencies kept for the percentiles: the most recent ones. */
    static final int SAMPLES = 10_000;

    private final Set<Long> users = new HashSet<>();
    private final double[] latencies = new double[SAMPLES];
    private long questions;
    private long grounded;
    private long errors;

    synchronized void answered(long userId, boolean fromKnowledge, double millis) {
        users.add(userId);
        latencies[(int) (questions % SAMPLES)] = millis;
        questions++;
        grounded += fromKnowledge ? 1 : 0;
    }

    /** Failures reported so far. */
    public synchronized long errors() {
        return errors;
    }

    /** Something failed while handling a message (the front end reports it). */
    public synchronized void error() {
        errors++;
    }

    synchronized String report() {
        int n = (int) Math.min(questions, SAMPLES);
        double[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "Since the start. People: %d. Questions: %d, %.0f%% answered from the guides. "
                        + "Latency: p50 %.1f ms, p99 %.1f ms. Errors: %d.", users.size(), questions,
                questions == 0 ? 0.0 : 100.0 * grounded / questions, percentile(sorted, 0.50), percentile(sorted, 0.99),
                errors);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
