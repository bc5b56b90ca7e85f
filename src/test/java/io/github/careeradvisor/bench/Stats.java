package io.github.careeradvisor.bench;

import java.util.Arrays;

/** Percentiles of a sample, by the nearest-rank method. */
record Stats(int count, double p50, double p95, double p99, double max) {

    static Stats of(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    static double median(double[] samples) {
        return of(samples).p50();
    }

    private static double rank(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
