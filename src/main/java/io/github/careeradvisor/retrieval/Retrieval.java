package io.github.careeradvisor.retrieval;

import java.util.List;

/**
 * The passages found for a question, best first, and whether they are relevant enough to answer from.
 * When {@code relevant} is false the question is outside the knowledge and {@code passages} is empty.
 *
 * @param bestSimilarity the highest cosine similarity between the question and any passage or unit
 */
public record Retrieval(List<RetrievedPassage> passages, double bestSimilarity, boolean relevant) {
    public Retrieval {
        passages = List.copyOf(passages);
        if (!relevant && !passages.isEmpty()) {
            throw new IllegalArgumentException("an irrelevant retrieval carries no passages");
        }
    }
}
