package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.knowledge.Passage;
import java.util.List;

/**
 * A passage found for a question.
 *
 * @param similarity cosine similarity of the question and the passage, 0–1 in practice
 * @param unitScores for each of the passage's units, in order, how well it answers the question
 */
public record RetrievedPassage(Passage passage, double similarity, double fused, List<Double> unitScores) {
    public RetrievedPassage {
        unitScores = List.copyOf(unitScores);
        if (unitScores.size() != passage.units().size()) {
            throw new IllegalArgumentException("one score per unit of " + passage.id());
        }
    }
}
