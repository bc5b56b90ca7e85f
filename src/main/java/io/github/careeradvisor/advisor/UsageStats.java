package io.github.careeradvisor.advisor;

import io.github.careeradvisor.generation.Phrasing;
import io.github.careeradvisor.metrics.Percentiles;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
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

    /** The report, and what the language model did when one is set. */
    String report(Optional<Phrasing.Counts> model) {
        return report() + model.map(c -> String.format(Locale.ROOT, " Language model: %d answers phrased, %d calls "
                + "fell back to the extractive answer or the rules, %d follow-ups rewritten.", c.generated(), c.failed(),
                c.rewritten())).orElse(" Language model: off.");
    }

    synchronized String report() {
        int n = (int) Math.min(questions, SAMPLES);
        double[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "Since the start. People: %d. Questions: %d, %.0f%% answered from the guides. "
                        + "Latency: p50 %.1f ms, p99 %.1f ms. Errors: %d.", users.size(), questions,
                questions == 0 ? 0.0 : 100.0 * grounded / questions, Percentiles.nearestRank(sorted, 0.50), Percentiles.nearestRank(sorted, 0.99),
                errors);
    }
}
