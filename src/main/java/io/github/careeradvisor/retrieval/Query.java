package io.github.careeradvisor.retrieval;

import org.jspecify.annotations.Nullable;

/**
 * A question made ready to search: spelling mended, the guides' words for level titles added, and
 * embedded once, so the advisor can route it by its vector and search with the same vector.
 *
 * @param vector the question's unit-length vector, or null when the text has no word piece to embed
 */
public record Query(String text, float @Nullable [] vector) {

    /**
     * Cosine similarity with the unit-length vector at {@code offset} in {@code rows} (vectors laid end
     * to end: a scan over one array reads memory in order, where many small arrays are scattered over
     * the heap; offset 0 for a vector of its own); 0 when the question has no vector.
     */
    public double similarity(float[] rows, int offset) {
        return vector == null ? 0 : SearchIndex.dot(vector, rows, offset);
    }
}
