package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The k highest scores kept in place, against sorting every one offered. */
class TopScoresTest {

    private record Offered(int id, double score) {
    }

    @Test
    void keeps_what_sorting_everything_would_put_first_ties_to_the_smaller_id() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            int k = random.nextInt(25);
            List<Offered> offered = new ArrayList<>();
            int count = random.nextInt(200);
            for (int id = 0; id < count; id++) {
                offered.add(new Offered(id, random.nextInt(30) / 10.0)); // few values: many ties
            }
            Collections.shuffle(offered, random); // offered in any order, as a search finds them
            TopScores top = new TopScores(k);
            offered.forEach(o -> top.offer(o.id(), o.score()));
            List<Offered> expected = offered.stream()
                    .sorted(Comparator.comparingDouble(Offered::score).reversed().thenComparingInt(Offered::id))
                    .limit(k).toList();
            List<Offered> kept = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                kept.add(new Offered(top.id(i), top.score(i)));
            }
            assertEquals(expected, kept, "round " + round);
        }
    }
}
