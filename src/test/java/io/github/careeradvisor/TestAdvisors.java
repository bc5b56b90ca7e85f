package io.github.careeradvisor;

import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.retrieval.Embedder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real parts, shared by the tests of one run: the embedding model loads once, and the shipped
 * knowledge is indexed once, with its vectors cached under {@code target/} like a real data dir.
 */
public final class TestAdvisors {

    /** Where the shipped knowledge's vectors are cached during a build. */
    public static final Path SHIPPED_DATA_DIR = Path.of("target", "test-data");

    /** Where the shipped knowledge's vectors by the quantized model ({@code ADVISOR_MODEL=quantized}) are cached. */
    public static final Path QUANTIZED_DATA_DIR = Path.of("target", "test-data-quantized");

    private static Embedder embedder;
    /** The shipped knowledge's advisor for each model: false the float one (the default), true the quantized one. */
    private static final Map<Boolean, App.Started> shipped = new HashMap<>();

    private TestAdvisors() {
    }

    public static synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = new Embedder(Settings.DEFAULT_ONNX_THREADS);
        }
        return embedder;
    }

    /** The advisor over the repository's own {@code knowledge/}, as {@code java -jar} would build it. */
    public static synchronized App.Started shipped() {
        return shipped(false);
    }

    /**
     * The same with the quantized model ({@code ADVISOR_MODEL=quantized}) when {@code quantized}, its vectors
     * cached apart: each model's evaluation gates must hold. A warning of either start is printed.
     */
    public static synchronized App.Started shipped(boolean quantized) {
        return shipped.computeIfAbsent(quantized, q -> App.start(
                settings(Path.of("knowledge"), q ? QUANTIZED_DATA_DIR : SHIPPED_DATA_DIR),
                q ? new Embedder(Settings.DEFAULT_ONNX_THREADS, null, true) : embedder(), System.err::println));
    }

    public static Settings settings(Path knowledge, Path data) {
        return Settings.fromEnvironment(Map.of(
                Settings.KNOWLEDGE_DIR, knowledge.toString(),
                Settings.DATA_DIR, data.toString()));
    }
}
