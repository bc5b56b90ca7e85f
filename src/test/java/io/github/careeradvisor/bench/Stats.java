package io.github.careeradvisor.bench;

import io.github.careeradvisor.metrics.Percentiles;
import java.util.Arrays;

/** Percentiles of a sample, by the nearest-rank method. */
record Stats(int count, double p50, double p95, double p99, double max) {

    static Stats of(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, Percentiles.nearestRank(sorted, 0.50), Percentiles.nearestRank(sorted, 0.95),
                Percentiles.nearestRank(sorted, 0.99), Percentiles.nearestRank(sorted, 1.0));
    }

    static double median(double[] samples) {
        return of(samples).p50();
    }
}
