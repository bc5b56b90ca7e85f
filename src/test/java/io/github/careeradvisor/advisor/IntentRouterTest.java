package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.retrieval.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The router's vote of the nearest examples, against the plain reading: sort every example, take K. */
class IntentRouterTest {

    private static final int DIMENSIONS = 16;

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** The router as it reads: every example's similarity, a stable sort, the first K vote. */
    private static IntentRouter.Routing plainly(List<Intent> labels, List<float[]> vectors, Query query) {
        record Scored(int index, double similarity) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            scored.add(new Scored(i, query.similarity(vectors.get(i), 0)));
        }
        scored.sort(Comparator.comparingDouble(Scored::similarity).reversed());
        Map<Intent, Double> votes = new EnumMap<>(Intent.class);
        double total = 0;
        for (Scored s : scored.subList(0, Math.min(IntentRouter.K, scored.size()))) {
            double weight = Math.max(0, s.similarity());
            votes.merge(labels.get(s.index()), weight, Double::sum);
            total += weight;
        }
        List<Map.Entry<Intent, Double>> ranked = votes.entrySet().stream()
                .sorted(Map.Entry.<Intent, Double>comparingByValue().reversed()).toList();
        if (ranked.isEmpty() || total == 0) {
            return new IntentRouter.Routing(Intent.OUT_OF_SCOPE, 0, 0, Intent.OUT_OF_SCOPE);
        }
        Intent second = ranked.size() > 1 ? ranked.get(1).getKey() : ranked.get(0).getKey();
        return new IntentRouter.Routing(ranked.get(0).getKey(), ranked.get(0).getValue() / total,
                scored.get(0).similarity(), second);
    }

    @Test
    void the_nearest_examples_vote_as_if_every_example_were_sorted() {
        // Examples drawn from a few directions, many of them repeated (the same vector under several intents),
        // so equal similarities meet at the K-th place; questions near them and far from them.
        Random random = new Random(7);
        List<float[]> directions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            directions.add(unit(random));
        }
        Map<Intent, List<String>> byIntent = new EnumMap<>(Intent.class);
        List<Intent> labels = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            for (int e = 0; e < IntentExamples.MIN_PER_INTENT; e++) {
                byIntent.computeIfAbsent(intent, k -> new ArrayList<>()).add(intent.id() + " " + e);
                labels.add(intent);
                vectors.add(directions.get(random.nextInt(directions.size())));
            }
        }
        IntentRouter router = new IntentRouter(new IntentExamples(byIntent), vectors);
        int ties = 0;
        for (int q = 0; q < 2_000; q++) {
            float[] vector = q % 3 == 0 ? directions.get(random.nextInt(directions.size())) : unit(random);
            Query query = new Query("question " + q, vector);
            IntentRouter.Routing expected = plainly(labels, vectors, query);
            assertEquals(expected, router.route(query), "question " + q);
            List<Double> similarities = vectors.stream().map(v -> query.similarity(v, 0)).sorted(Comparator.reverseOrder()).toList();
            ties += similarities.get(IntentRouter.K - 1).equals(similarities.get(IntentRouter.K)) ? 1 : 0;
        }
        assertEquals(new IntentRouter.Routing(Intent.OUT_OF_SCOPE, 0, 0, Intent.OUT_OF_SCOPE),
                router.route(new Query("no word pieces", null)));
        assertTrue(ties > 100, ties + " questions with a tie at the K-th place");
    }
}
