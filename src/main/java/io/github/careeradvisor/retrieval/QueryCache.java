package io.github.careeradvisor.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;

/**
 * Remembers the vectors of recent questions: embedding a question is most of an answer's cost, and
 * people ask the same things ("how much does a junior earn?") again and again. Questions that differ
 * only in case or spacing share an entry: the model is uncased and splits on white space, so their
 * vectors are the same. Bounded in entries; Caffeine keeps the questions asked most often and lately.
 */
final class QueryCache {

    static final int DEFAULT_ENTRIES = 10_000;

    private final Embedder embedder;
    private final Cache<String, float[]> recent;

    QueryCache(Embedder embedder, int entries) {
        this.embedder = embedder;
        // Evicting on the caller's thread keeps the bound exact when put returns; it costs next to nothing.
        this.recent = Caffeine.newBuilder().maximumSize(entries).executor(Runnable::run).build();
    }

    float[] embed(String question) {
        String key = key(question);
        float[] hit = recent.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        // Not Cache.get(key, embed): that would hold a lock other questions may need while the model
        // runs. A rare double embed of one question is harmless.
        float[] vector = embedder.embed(key);
        recent.put(key, vector);
        return vector;
    }

    /** Remembers a vector computed elsewhere (the on-disk cache holds the router's phrases). */
    void put(String text, float[] vector) {
        recent.put(key(text), vector);
    }

    /** How many questions are remembered now. */
    long size() {
        recent.cleanUp();
        return recent.estimatedSize();
    }

    /** What the model reads the same way: lower case, single spaces. */
    static String key(String question) {
        return question.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
