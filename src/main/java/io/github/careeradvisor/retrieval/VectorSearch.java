package io.github.careeradvisor.retrieval;

import java.util.List;

/**
 * Nearest passages to a query vector by cosine similarity (vectors are unit length, so a dot product).
 * Two ways: {@link FlatVectorSearch}, exact, for the shipped knowledge's few hundred passages, and
 * {@link HnswVectorSearch}, Lucene's approximate graph, for tens of thousands.
 */
interface VectorSearch extends AutoCloseable {

    /** A passage by its position in the index, and its similarity to the query. */
    record Hit(int index, float similarity) {
    }

    /** The {@code k} most similar vectors, most similar first. */
    List<Hit> search(float[] query, int k);

    int size();

    @Override
    default void close() {
    }
}
