package io.github.careeradvisor.retrieval;

import java.util.Locale;

/**
 * Remembers the vectors of recent questions: embedding a question is most of an answer's cost, and
 * people ask the same things ("how much does a junior earn?") again and again. Questions that differ
 * only in case or spacing share an entry: the model is uncased and splits on white space, so their
 * vectors are the same. Bounded, least recently used out first.
 */
final class QueryCache {

    static final int DEFAULT_ENTRIES = 10_000;

    private final Embedder embedder;
    private final Recent<String, float[]> recent;

    QueryCache(Embedder embedder, int entries) {
        this.embedder = embedder;
        this.recent = new Recent<>(entries);
    }

    float[] embed(String question) {
        String key = key(question);
        float[] hit = recent.get(key);
        if (hit != null) {
            return hit;
        }
        // Embedded outside the lock, so other questions are not held up; a rare double embed is harmless.
        float[] vector = embedder.embed(key);
        recent.put(key, vector);
        return vector;
    }

    /** Remembers a vector computed elsewhere (the on-disk cache holds the router's phrases). */
    void put(String text, float[] vector) {
        recent.put(key(text), vector);
    }

    /** What the model reads the same way: lower case, single spaces. */
    static String key(String question) {
        return question.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
