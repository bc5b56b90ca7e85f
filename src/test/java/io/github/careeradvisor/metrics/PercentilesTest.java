package io.github.careeradvisor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @Test
    void the_nearest_rank_is_a_value_of_the_sample() {
        assertEquals(50, Percentiles.nearestRank(ONE_TO_HUNDRED, 0.50));
        assertEquals(95, Percentiles.nearestRank(ONE_TO_HUNDRED, 0.95));
        assertEquals(99, Percentiles.nearestRank(ONE_TO_HUNDRED, 0.99));
        assertEquals(100, Percentiles.nearestRank(ONE_TO_HUNDRED, 1.0));
        assertEquals(1, Percentiles.nearestRank(ONE_TO_HUNDRED, 0.0));
        assertEquals(2, Percentiles.nearestRank(new double[] {1, 2, 3}, 0.5));
    }

    @Test
    void an_empty_sample_has_every_percentile_0() {
        assertEquals(0, Percentiles.nearestRank(new double[0], 0.99));
    }

    @Test
    void a_fraction_outside_0_to_1_is_refused_with_its_value() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Percentiles.nearestRank(ONE_TO_HUNDRED, 99));

        assertEquals("fraction 99.0 is not from 0 to 1", e.getMessage());
    }
}
