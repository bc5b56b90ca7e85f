package io.github.careeradvisor.metrics;

/** Percentiles of a sample by the nearest-rank method: always a value the sample holds, never an interpolation. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The smallest value with at least {@code fraction} of the sample at or below it; 0 for an empty
     * sample.
     *
     * @param sorted the sample in ascending order
     * @param fraction from 0 to 1 (0.99 for p99)
     */
    public static double nearestRank(double[] sorted, double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction " + fraction + " is not from 0 to 1");
        }
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
    }
}
