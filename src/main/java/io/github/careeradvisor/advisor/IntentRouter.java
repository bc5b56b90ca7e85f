package io.github.careeradvisor.advisor;

import io.github.careeradvisor.retrieval.Query;
import io.github.careeradvisor.retrieval.TopScores;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Tells what a message asks for by its nearest labelled examples: the cosine of the question's vector,
 * which retrieval computed anyway, with every example's. The {@value #K} nearest vote, each with its
 * similarity; the share of the vote the winner gets is its confidence.
 */
final class IntentRouter {

    /** How many nearest examples vote. */
    static final int K = 7;

    /** An intent, and how sure the router is of it. */
    record Routing(Intent intent, double confidence, double nearest, Intent second) {
    }

    private final List<Intent> labels = new ArrayList<>();
    /**
     * The examples' vectors end to end, each {@link #dimensions} long: read in order after the model's
     * run has flushed the caches, one array takes half the time of 318 scattered ones.
     */
    private final float[] rows;
    private final int dimensions;

    /** @param vectors one per example of {@code examples.all()}, in that order */
    IntentRouter(IntentExamples examples, List<float[]> vectors) {
        for (Intent intent : Intent.values()) {
            examples.byIntent().get(intent).forEach(e -> labels.add(intent));
        }
        if (labels.size() != vectors.size()) {
            throw new IllegalArgumentException(labels.size() + " examples but " + vectors.size() + " vectors");
        }
        this.dimensions = vectors.isEmpty() ? 0 : vectors.get(0).length;
        this.rows = new float[vectors.size() * dimensions];
        for (int i = 0; i < vectors.size(); i++) {
            if (vectors.get(i).length != dimensions) {
                throw new IllegalArgumentException("example " + i + " has " + vectors.get(i).length
                        + " dimensions, not " + dimensions);
            }
            System.arraycopy(vectors.get(i), 0, rows, i * dimensions, dimensions);
        }
    }

    Routing route(Query query) {
        // The K nearest, nearest first, an earlier example first among equals (as a stable sort would have them).
        TopScores nearest = new TopScores(K);
        for (int i = 0; i < labels.size(); i++) {
            nearest.offer(i, query.similarity(rows, i * dimensions));
        }
        Map<Intent, Double> votes = new EnumMap<>(Intent.class);
        double total = 0;
        for (int n = 0; n < nearest.size(); n++) {
            double weight = Math.max(0, nearest.score(n));
            votes.merge(labels.get(nearest.id(n)), weight, Double::sum);
            total += weight;
        }
        List<Map.Entry<Intent, Double>> ranked = votes.entrySet().stream()
                .sorted(Map.Entry.<Intent, Double>comparingByValue().reversed()).toList();
        if (ranked.isEmpty() || total == 0) {
            return new Routing(Intent.OUT_OF_SCOPE, 0, 0, Intent.OUT_OF_SCOPE);
        }
        Intent second = ranked.size() > 1 ? ranked.get(1).getKey() : ranked.get(0).getKey();
        return new Routing(ranked.get(0).getKey(), ranked.get(0).getValue() / total, nearest.score(0), second);
    }
}
