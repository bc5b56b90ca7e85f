package io.github.careeradvisor.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.InfoStream;
import org.apache.lucene.util.hnsw.ConcurrentHnswMerger;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Approximate search with Lucene's HNSW graph, kept in memory: built by several workers at once (one per
 * core), in seconds to half a minute for 100,000 vectors on two cores, and answers in under a millisecond,
 * at a small cost in recall (measured in BENCHMARKS.md).
 */
final class HnswVectorSearch implements VectorSearch {

    /**
     * How the graph is linked: the neighbours a node keeps, and the candidates weighed while inserting one.
     * Lucene's defaults are 16 and 100.
     */
    record Shape(int neighbours, int beam) {
        Shape {
            if (neighbours < 1 || beam < 1) {
                throw new IllegalArgumentException("a graph needs neighbours and candidates: " + neighbours + ", " + beam);
            }
        }

        static final Shape LUCENE_DEFAULTS = new Shape(16, 100);
        /**
         * More neighbours, fewer candidates: in a harness of 100,000 vectors on two workers, 13.9–17.3 s
         * against the defaults' 24.9 s, recall@10 0.967 against 0.970 with {@link #EXPLORE} (the README's
         * HNSW paragraph; BENCHMARKS.md times it against the defaults on one worker).
         */
        static final Shape SHIPPED = new Shape(24, 64);
    }

    /** Candidates the graph search keeps (its "ef"): chosen in BENCHMARKS.md for recall@10 at 100,000. */
    static final int EXPLORE = 250;
    private static final VectorSimilarityFunction DOT = VectorSimilarityFunction.DOT_PRODUCT;
    private static final FlatVectorsScorer SCORER = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();

    private final RandomAccessVectorValues.Floats values;
    private final OnHeapHnswGraph graph;

    /**
     * Builds the graph of {@code vectors}, unit vectors of {@code dimensions} floats each (kept, not copied),
     * with {@code workers} inserting them at once; one worker is Lucene's own builder, as its indexing thread
     * runs it.
     */
    HnswVectorSearch(float[][] vectors, int dimensions, int workers) {
        this(vectors, dimensions, workers, Shape.SHIPPED);
    }

    /** As above, linked as {@code shape} says: the benchmark's before is Lucene's defaults on one worker. */
    HnswVectorSearch(float[][] vectors, int dimensions, int workers, Shape shape) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers + ": the graph needs at least one");
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dimensions) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " dimensions, not "
                        + dimensions);
            }
        }
        values = RandomAccessVectorValues.fromFloats(Arrays.asList(vectors), dimensions);
        try {
            RandomVectorScorerSupplier scores = SCORER.getRandomVectorScorerSupplier(DOT, values);
            if (workers == 1 || vectors.length == 0) {
                graph = HnswGraphBuilder.create(scores, shape.neighbours(), shape.beam(),
                        HnswGraphBuilder.randSeed).build(vectors.length);
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "hnsw-build");
                t.setDaemon(true);
                return t;
            });
            try {
                // Lucene's merge of a segment's graph, given no graph to start from, inserts every vector with
                // its workers at once; the field only names what is merged, and with no segment added to the
                // merger it reads no document iterator (Lucene 9.12; its util.hnsw API is marked experimental).
                graph = new ConcurrentHnswMerger(field(dimensions), scores, shape.neighbours(), shape.beam(),
                        new TaskExecutor(pool), workers).merge(null, InfoStream.NO_OUTPUT, vectors.length);
            } finally {
                pool.shutdown();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW vector index", e);
        }
    }

    private static FieldInfo field(int dimensions) {
        return new FieldInfo("vector", 0, false, true, false, IndexOptions.NONE, DocValuesType.NONE, -1, Map.of(), 0, 0,
                0, dimensions, VectorEncoding.FLOAT32, DOT, false, false);
    }

    @Override
    public int size() {
        return values.size();
    }

    /** How many vectors the graph links: all of them, once built. */
    int graphSize() {
        return graph.size();
    }

    /** The graph's memory, beside the vectors it links (which the flat search holds too). */
    long graphBytes() {
        return graph.ramBytesUsed();
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        if (values.size() == 0) {
            return List.of();
        }
        try {
            // The search keeps as many candidates as it is asked for; more than k buys recall cheaply.
            ScoreDoc[] docs = HnswGraphSearcher.search(SCORER.getRandomVectorScorer(DOT, values, query),
                    Math.max(k, EXPLORE), graph, null, Integer.MAX_VALUE).topDocs().scoreDocs;
            List<Hit> hits = new ArrayList<>(Math.min(k, docs.length));
            for (int i = 0; i < Math.min(k, docs.length); i++) {
                // Lucene scores a dot product of unit vectors as (1 + dot) / 2.
                hits.add(new Hit(docs[i].doc, 2 * docs[i].score - 1));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the HNSW vector index", e);
        }
    }

    @Override
    public void close() {
        // Nothing outside the heap.
    }
}
