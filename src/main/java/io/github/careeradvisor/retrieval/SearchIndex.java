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
        this.vectors = passageVectors.length >= HNSW_FROM ? new HnswVectorSearch(passageVectors, Embedder.DIMENSIONS,
                Runtime.getRuntime().availableProcessors())
                : new FlatVectorSearch(passageVectors, Embedder.DIMENSIONS);
        this.unitVectors = unitVectors;
        this.unitTerms = List.copyOf(unitTerms);
        this.lexical = lexical;
    }

    static double dot(float[] a, float[] b) {
        return dot(a, b, 0);
    }

    /** The same with the {@code a.length} floats of {@code rows} from {@code offset}: one row of a matrix. */
    static double dot(float[] a, float[] rows, int offset) {
        // Four running sums, as in FlatVectorSearch: one sum makes each add wait for the one before it.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * rows[offset + i];
            s1 += a[i + 1] * rows[offset + i + 1];
            s2 += a[i + 2] * rows[offset + i + 2];
            s3 += a[i + 3] * rows[offset + i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * rows[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void close() {
        lexical.close();
        vectors.close();
    }
}
