package io.github.careeradvisor.retrieval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Turns text into unit-length vectors with all-MiniLM-L6-v2, run in process from the
 * model inside its jar: no network, no key. One instance serves the program: a question is embedded on
 * the asking thread; many texts at once (building the index) go in batches to every core.
 */
public final class Embedder {

    public static final int DIMENSIONS = 384;
    /**
     * Texts per run of the model when indexing, texts of similar length together so little is padding
     * (BENCHMARKS.md, "Cold index", compares sizes).
     */
    static final int BATCH = 16;

    /** Part of every cache key: vectors of another model must never be reused. */
    private final String modelName;
    private final int threadsPerCall;
    private final @Nullable Path dataDir;
    private final LongAdder questions = new LongAdder();
    private @Nullable CompletableFuture<MiniLm> loading;

    /**
     * Does not load the model yet: {@link IndexBuilder} starts it beside its own work, or the first text
     * to embed loads it.
     *
     * @param threadsPerCall ONNX Runtime's intra-op threads for one run; 0 lets it use every core. The
     *     default is the setting's, {@code Settings.DEFAULT_ONNX_THREADS}.
     */
    public Embedder(int threadsPerCall) {
        this(threadsPerCall, null);
    }

    /**
     * The same, the model read from its copy in {@code dataDir}, which the first start makes: a start
     * then reads a file instead of inflating the model from its jar (README, "Performance").
     */
    public Embedder(int threadsPerCall, @Nullable Path dataDir) {
        this(threadsPerCall, dataDir, false);
    }

    /**
     * The same with the model chosen: the float model, or its 8-bit quantized form (faster, a little less
     * accurate; README, "Performance").
     */
    public Embedder(int threadsPerCall, @Nullable Path dataDir, boolean quantized) {
        this.modelName = quantized ? MiniLm.QUANTIZED : MiniLm.FLOAT;
        this.threadsPerCall = threadsPerCall;
        this.dataDir = dataDir;
    }

    /**
     * Starts loading the model (most of a second) on a thread of its own, unless it has started. Whoever
     * starts it must {@link #awaitLoad() wait} for it before the program may exit: ONNX Runtime's own
     * shutdown hook crashes the JVM (SIGSEGV) if it runs while a session is still being created.
     */
    public synchronized void loadInBackground() {
        if (loading == null) {
            loading = CompletableFuture.supplyAsync(() -> new MiniLm(modelName, threadsPerCall, dataDir), runnable -> {
                Thread load = new Thread(runnable, "embedding-model-load");
                load.setDaemon(true);
                load.start();
            });
        }
    }

    /** Waits until the model has loaded or failed to; the failure is thrown by the next use. */
    public void awaitLoad() {
        CompletableFuture<MiniLm> started;
        synchronized (this) {
            started = loading;
        }
        if (started != null) {
            started.handle((model, failure) -> null).join();
        }
    }

    /** The model, loaded on this thread if nothing has started loading it. */
    MiniLm model() {
        CompletableFuture<MiniLm> started;
        synchronized (this) {
            if (loading == null) {
                loading = CompletableFuture.completedFuture(new MiniLm(modelName, threadsPerCall, dataDir));
            }
            started = loading;
        }
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    public String modelName() {
        return modelName;
    }

    /** The model's vector for {@code text}, normalised to length 1 (so a dot product is the cosine). */
    public float[] embed(String text) {
        questions.increment();
        return model().embed(text);
    }

    /** Whether the model's vocabulary has the lower-case {@code word} whole (see {@link MiniLm#isWholeWord}). */
    boolean isWholeWord(String word) {
        return model().isWholeWord(word);
    }

    /** The vocabulary's ids below this are its marks and about its 3,000 commonest words ("actually", "home"). */
    static final int COMMON_WORDS = 5_000;

    /** Whether the lower-case {@code word} is among the language's commonest, by the model's vocabulary. */
    boolean isCommonWord(String word) {
        int id = model().vocabularyId(word);
        return id >= 0 && id < COMMON_WORDS;
    }

    /** How many texts {@link #embed} has embedded: the benchmark tells questions answered from a cache by it. */
    public long embedded() {
        return questions.sum();
    }

    /**
     * Vectors for many texts at once, in batches spread over every core. The quantized model runs one text
     * at a time: it scales its numbers to each run's, so a text's vector would depend on its batch mates.
     */
    public List<float[]> embedAll(List<String> texts) {
        return embedAll(texts, Runtime.getRuntime().availableProcessors(),
                modelName.equals(MiniLm.QUANTIZED) ? 1 : BATCH);
    }

    /** The same on {@code workers} threads, {@code batch} texts a run (the benchmark compares them). */
    List<float[]> embedAll(List<String> texts, int workers, int batch) {
        if (texts.isEmpty()) {
            return List.of();
        }
        MiniLm model = model();
        List<MiniLm.Pieces> pieces = texts.stream().map(model::tokenize).toList();
        List<Integer> byLength = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            byLength.add(i);
        }
        byLength.sort(Comparator.comparingInt(i -> pieces.get(i).ids().length));
        List<List<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < byLength.size(); from += batch) {
            batches.add(byLength.subList(from, Math.min(byLength.size(), from + batch)));
        }
        float[][] vectors = new float[texts.size()][];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, batches.size())), r -> {
            Thread t = new Thread(r, "embedder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (List<Integer> rows : batches) {
                runs.add(pool.submit(() -> {
                    List<float[]> out = model.embed(rows.stream().map(pieces::get).toList());
                    for (int r = 0; r < rows.size(); r++) {
                        vectors[rows.get(r)] = out.get(r);
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding " + texts.size() + " texts", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding " + texts.size() + " texts", e.getCause());
        } finally {
            pool.shutdown();
        }
        return List.of(vectors);
    }
}
