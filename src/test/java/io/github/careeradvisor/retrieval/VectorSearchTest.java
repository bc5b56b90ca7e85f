package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorSearchTest {

    private static final int DIM = 384;

    /** Clustered unit vectors, like embeddings of related passages. */
    static float[][] vectors(int n, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[50][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = unit(random, null, 0);
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = unit(random, centres[random.nextInt(centres.length)], 0.6f);
        }
        return out;
    }

    private static float[] unit(Random random, float[] around, float noise) {
        float[] v = new float[DIM];
        double norm = 0;
        for (int d = 0; d < DIM; d++) {
            v[d] = (around == null ? 0 : around[d]) + (around == null ? 1 : noise) * (float) random.nextGaussian() / (float) Math.sqrt(DIM);
            norm += v[d] * v[d];
        }
        for (int d = 0; d < DIM; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static int[] exact(float[][] data, float[] q, int k) {
        return IntStream.range(0, data.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -SearchIndex.dot(q, data[i])))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void the_flat_search_is_exact() {
        float[][] data = vectors(3000, 1);
        FlatVectorSearch flat = new FlatVectorSearch(data, DIM);
        for (float[] q : vectors(20, 2)) {
            List<VectorSearch.Hit> hits = flat.search(q, 10);
            assertEquals(Arrays.toString(exact(data, q, 10)),
                    Arrays.toString(hits.stream().mapToInt(VectorSearch.Hit::index).toArray()));
            assertEquals(SearchIndex.dot(q, data[hits.get(0).index()]), hits.get(0).similarity(), 1e-4);
        }
    }

    /** One worker is Lucene's own builder; more insert at once into one graph under its locks. */
    @Test
    void an_empty_graph_finds_nothing_and_a_vector_of_another_length_is_named() {
        try (HnswVectorSearch empty = new HnswVectorSearch(new float[0][], 3, 2)) {
            assertEquals(List.of(), empty.search(new float[] {1, 0, 0}, 10));
        }
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new HnswVectorSearch(new float[][] {{1, 0, 0}, {0, 1}}, 3, 2));
        assertEquals("vector 1 has 2 dimensions, not 3", wrong.getMessage());
    }

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 3})
    void the_hnsw_graph_finds_nearly_all_true_neighbours(int workers) {
        float[][] all = vectors(5050, 3);
        float[][] data = Arrays.copyOf(all, 5000);
        try (HnswVectorSearch hnsw = new HnswVectorSearch(data, data[0].length, workers)) {
            assertEquals(5000, hnsw.graphSize(), "every vector linked into the graph");
            for (int i = 0; i < data.length; i += 50) {
                // A node no search can reach is the usual fault of a graph built by several threads at once.
                assertEquals(i, hnsw.search(data[i], 1).get(0).index(), "vector " + i + " finds itself");
            }
            int found = 0;
            int wanted = 0;
            for (float[] q : Arrays.copyOfRange(all, 5000, 5050)) {
                Set<Integer> truth = new HashSet<>();
                Arrays.stream(exact(data, q, 10)).forEach(truth::add);
                for (VectorSearch.Hit hit : hnsw.search(q, 10)) {
                    found += truth.contains(hit.index()) ? 1 : 0;
                    assertEquals(SearchIndex.dot(q, data[hit.index()]), hit.similarity(), 1e-3);
                }
                wanted += 10;
            }
            double recall = (double) found / wanted;
            assertTrue(recall >= 0.9, "recall@10 " + recall);
        }
    }

    @Test
    void a_repeated_question_is_embedded_once_and_the_cache_stays_bounded() {
        QueryCache cache = new QueryCache(TestAdvisors.embedder(), 2);

        float[] first = cache.embed("How much does a junior earn?");
        assertSame(first, cache.embed("how much  does a JUNIOR earn?"));
        cache.embed("what is mlops?");
        cache.embed("which certification?");
        cache.embed("is a master's needed?");

        assertEquals(2, cache.size(), "entries past the bound are evicted");
        assertEquals(SearchIndex.dot(first, first), 1.0, 1e-3);
    }
}
