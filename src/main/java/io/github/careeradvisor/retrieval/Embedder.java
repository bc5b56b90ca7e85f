package io.github.careeradvisor.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/**
 * Turns text into unit-length vectors with all-MiniLM-L6-v2, run in process from the model inside its
 * jar: no network, no key. Loading the model takes a second or two, so one instance serves the program.
 */
public final class Embedder {

    /** Part of every cache key: vectors of another model must never be reused. */
    public static final String MODEL_NAME = "all-minilm-l6-v2";
    public static final int DIMENSIONS = 384;

    private final EmbeddingModel model;

    /**
     * @param threadsPerCall ONNX Runtime's intra-op threads for one text; 0 lets it use every core.
     *     Many texts at once are spread over every core either way. The default is the setting's,
     *     {@code Settings.DEFAULT_ONNX_THREADS}.
     */
    public Embedder(int threadsPerCall) {
        int cores = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ThreadPoolExecutor bulk = new java.util.concurrent.ThreadPoolExecutor(cores, cores, 1,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "embedder");
                    t.setDaemon(true);
                    return t;
                });
        bulk.allowCoreThreadTimeOut(true);
        this.model = new TunedMiniLm(threadsPerCall, bulk);
    }

    public String modelName() {
        return MODEL_NAME;
    }

    /** The model's vector for {@code text}, normalised to length 1 (so a dot product is the cosine). */
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    /** Vectors for many texts at once; the model spreads the work over every core. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }
}
