package io.github.careeradvisor.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The scale benchmark: grows synthetic knowledge of N passages from the shipped guides (text recombined
 * from real sentences; vectors the real passage vectors plus noise, so neighbours stay meaningful),
 * then measures this project's search and langchain4j's InMemoryEmbeddingStore over it.
 */
public final class ScaleProbe {

    /** Times in milliseconds; sizes in bytes. */
    public record Result(int passages, double flatBuildMs, double hnswBuildMs, double hnswOneWorkerBuildMs,
            double bm25BuildMs, double inMemoryBuildMs, long flatBytes, long hnswBytes, long bm25Bytes, long inMemoryBytes, double[] flatMs, double[] hnswMs,
            double[] hybridMs, double[] inMemoryMs, double hnswRecallAt10, long heapAfterBuild, long peakHeap) {
    }

    private static final int K = 10;
    /** Workers of the HNSW build, as the product's index has them: one per core. */
    private static final int WORKERS = Runtime.getRuntime().availableProcessors();
    private static final float NOISE = 0.01f;

    private ScaleProbe() {
    }

    /**
     * @param questions real questions; their vectors are embedded once, up front
     * @param samples how many searches to time for each kind
     */
    public static Result run(int n, KnowledgeBase knowledge, Embedder embedder, Path dataDir, List<String> questions,
            int samples, Path workDir) {
        SearchIndex base = new IndexBuilder(embedder, dataDir, w -> { }).build(knowledge).retriever().index;
        Random random = new Random(42);
        List<Passage> passages = new ArrayList<>(n);
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            int b = random.nextInt(base.passages.size());
            Passage from = base.passages.get(b);
            int o = random.nextInt(base.passages.size());
            Passage other = base.passages.get(o);
            List<Unit> units = new ArrayList<>(from.units());
            units.add(new Unit(other.units().get(random.nextInt(other.units().size())).text(), Unit.Kind.SENTENCE,
                    units.get(units.size() - 1).block() + 1));
            passages.add(new Passage("synthetic#" + i, "synthetic/" + b + ".md", from.title(), from.section(),
                    from.topics(), units));
            // The text joins two passages, and so does the vector: a continuum, not 275 tight clusters.
            vectors[i] = mix(base.passageVectors[b], base.passageVectors[o], 0.5f + 0.4f * random.nextFloat(), random);
        }
        List<float[]> queries = questions.stream().map(q -> embedder.embed(q.toLowerCase())).toList();

        long t0 = System.nanoTime();
        FlatVectorSearch flat = new FlatVectorSearch(vectors, Embedder.DIMENSIONS);
        double flatBuild = ms(t0);
        // The graph as Lucene's indexing thread builds it, one worker and Lucene's defaults (as when issue 16
        // was filed): the before of the shipped build, timed in the same process.
        // Both builds once on a small share first, so that neither is timed with the JIT cold.
        float[][] few = Arrays.copyOf(vectors, Math.min(n, 2_000));
        new HnswVectorSearch(few, Embedder.DIMENSIONS, 1, HnswVectorSearch.Shape.LUCENE_DEFAULTS).close();
        new HnswVectorSearch(few, Embedder.DIMENSIONS, WORKERS).close();
        t0 = System.nanoTime();
        new HnswVectorSearch(vectors, Embedder.DIMENSIONS, 1, HnswVectorSearch.Shape.LUCENE_DEFAULTS).close();
        double hnswOneWorkerBuild = ms(t0);
        System.gc(); // its garbage is not left for the next build to collect
        t0 = System.nanoTime();
        HnswVectorSearch hnsw = new HnswVectorSearch(vectors, Embedder.DIMENSIONS, WORKERS);
        double hnswBuild = ms(t0);
        t0 = System.nanoTime();
        LexicalIndex lexical = new LexicalIndex(passages);
        double bm25Build = ms(t0);
        t0 = System.nanoTime();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<Embedding> embeddings = Arrays.stream(vectors).map(Embedding::from).toList();
        store.addAll(embeddings, passages.stream().map(p -> TextSegment.from(p.body())).toList());
        double inMemoryBuild = ms(t0);
        Path storeFile = workDir.resolve("in-memory-" + n + ".json");
        store.serializeToFile(storeFile);

        // Units of synthetic passages reuse the passage's vector: only the search is timed here.
        float[][][] unitVectors = new float[n][][];
        List<List<Set<String>>> unitTerms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            unitVectors[i] = new float[passages.get(i).units().size()][];
            Arrays.fill(unitVectors[i], vectors[i]);
            unitTerms.add(java.util.Collections.nCopies(passages.get(i).units().size(), Set.of()));
        }
        SearchIndex index = new SearchIndex(passages, vectors, unitVectors, unitTerms, lexical);
        HybridRetriever hybrid = new HybridRetriever(index, embedder);
        System.gc();
        long heapAfterBuild = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        double[] flatMs = time(samples, queries, q -> flat.search(q, K));
        double[] hnswMs = time(samples, queries, q -> hnsw.search(q, K));
        double[] inMemoryMs = time(samples, queries, q -> store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(q)).maxResults(K).build()));
        warmUp(samples, i -> hybrid.retrieve(questions.get(i % queries.size()), queries.get(i % queries.size())));
        double[] hybridMs = new double[samples];
        for (int s = 0; s < samples; s++) {
            int qi = s % queries.size();
            long start = System.nanoTime();
            hybrid.retrieve(questions.get(qi), queries.get(qi));
            hybridMs[s] = ms(start);
        }
        int found = 0;
        for (float[] q : queries) {
            Set<Integer> truth = new HashSet<>();
            flat.search(q, K).forEach(h -> truth.add(h.index()));
            for (VectorSearch.Hit h : hnsw.search(q, K)) {
                found += truth.contains(h.index()) ? 1 : 0;
            }
        }
        double recall = (double) found / (queries.size() * K);
        Result result = new Result(n, flatBuild, hnswBuild, hnswOneWorkerBuild, bm25Build, inMemoryBuild,
                (long) n * Embedder.DIMENSIONS * 4, hnsw.graphBytes(), lexical.bytes(), size(storeFile), flatMs, hnswMs, hybridMs, inMemoryMs, recall,
                heapAfterBuild, peakHeap());
        hnsw.close();
        index.close();
        return result;
    }

    /**
     * Runs searches 0, 1, 2, … (at most {@code samples}, the smoke run's count, and {@link #WARM_UP_SEARCHES}),
     * stopping once {@link #WARM_UP_NANOS} have passed and {@link #WARM_UP_LEAST} have run.
     */
    private static void warmUp(int samples, IntConsumer search) {
        long start = System.nanoTime();
        int most = Math.min(WARM_UP_SEARCHES, samples);
        for (int w = 0; w < most && (w < WARM_UP_LEAST || System.nanoTime() - start < WARM_UP_NANOS); w++) {
            search.accept(w);
        }
    }

    private interface Search {
        Object run(float[] query);
    }

    /**
     * Searches run before each kind is timed, and the time they may take: a fresh JIT answers the first few
     * hundred HNSW searches slower (a third slower at p50 over the first 300 at 100,000 passages, in a
     * harness timing blocks of 145), and the figures are of a bot that has been answering a while. The slow
     * kinds stop at the time, after {@value #WARM_UP_LEAST} searches at least.
     */
    public static final int WARM_UP_SEARCHES = 1_000;
    public static final int WARM_UP_LEAST = 50;
    public static final long WARM_UP_NANOS = 3_000_000_000L;

    private static double[] time(int samples, List<float[]> queries, Search search) {
        warmUp(samples, i -> search.run(queries.get(i % queries.size())));
        double[] times = new double[samples];
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            search.run(queries.get(s % queries.size()));
            times[s] = ms(start);
        }
        return times;
    }

    private static float[] mix(float[] a, float[] b, float weight, Random random) {
        float[] v = new float[a.length];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = weight * a[d] + (1 - weight) * b[d] + NOISE * (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= scale;
        }
        return v;
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("measuring " + path, e);
        }
    }

    /** The most heap this process has used so far, summed over the heap pools. */
    public static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

}
