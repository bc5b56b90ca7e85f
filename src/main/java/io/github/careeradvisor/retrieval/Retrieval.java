package io.github.careeradvisor.retrieval;

import java.util.List;

/**
 * The passages found for a question, best first, and whether they are relevant enough to answer from.
 * When {@code relevant} is false the question is outside the knowledge and {@code passages} is empty.
 *
 * @param bestSimilarity the highest cosine similarity between the question and any passage or unit
 * @param unheard for a question declined because its subject is a word no guide uses, those of its words
 *     worth naming in the decline ("burnout"); empty otherwise
 */
public record Retrieval(List<RetrievedPassage> passages, double bestSimilarity, boolean relevant, List<String> unheard) {
    public Retrieval {
        passages = List.copyOf(passages);
        unheard = List.copyOf(unheard);
        if (!relevant && !passages.isEmpty()) {
            throw new IllegalArgumentException("an irrelevant retrieval carries no passages");
        }
        if (relevant && !unheard.isEmpty()) {
            throw new IllegalArgumentException("only a declined retrieval names words no guide uses");
        }
    }

    public Retrieval(List<RetrievedPassage> passages, double bestSimilarity, boolean relevant) {
        this(passages, bestSimilarity, relevant, List.of());
    }
}
