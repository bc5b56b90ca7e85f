package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.knowledge.Passage;
import java.util.List;
import java.util.Set;

/**
 * Everything searched at question time, built once: the passages, their vectors and their quotable
 * units' vectors and terms, and the BM25 index.
 */
final class SearchIndex implements AutoCloseable {

    final List<Passage> passages;
    final float[][] passageVectors;
    final VectorSearch vectors;
    /** {@code unitVectors[p][u]} is the vector of unit {@code u} of passage {@code p}. */
    final float[][][] unitVectors;
    final List<List<Set<String>>> unitTerms;
    final LexicalIndex lexical;

    /** Above this many passages the approximate HNSW graph beats an exact scan (see BENCHMARKS.md). */
    static final int HNSW_FROM = 20_000;

    SearchIndex(List<Passage> passages, float[][] passageVectors, float[][][] unitVectors,
            List<List<Set<String>>> unitTerms, LexicalIndex lexical) {
        this.passages = List.copyOf(passages);
        this.passageVectors = passageVectors;
        this.vectors = passageVectors.length >= HNSW_FROM ? new HnswVectorSearch(passageVectors, null)
                : new FlatVectorSearch(passageVectors, Embedder.DIMENSIONS);
        this.unitVectors = unitVectors;
        this.unitTerms = List.copyOf(unitTerms);
        this.lexical = lexical;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public void close() {
        lexical.close();
        vectors.close();
    }
}
