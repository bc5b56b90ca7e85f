package io.github.careeradvisor;

import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.retrieval.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private static App.Started shipped;
    private static App.Started shippedQuantized;
    private static final List<String> shippedWarnings = new ArrayList<>();

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
        if (shipped == null) {
            shipped = App.start(settings(Path.of("knowledge"), SHIPPED_DATA_DIR), embedder(),
                    shippedWarnings::add);
        }
        return shipped;
    }

    /** The same with the quantized model, its vectors cached apart: each model's evaluation gates must hold. */
    public static synchronized App.Started shipped(boolean quantized) {
        if (!quantized) {
            return shipped();
        }
        if (shippedQuantized == null) {
            shippedQuantized = App.start(settings(Path.of("knowledge"), QUANTIZED_DATA_DIR),
                    new Embedder(Settings.DEFAULT_ONNX_THREADS, null, true), w -> { });
        }
        return shippedQuantized;
    }

    public static synchronized List<String> shippedWarnings() {
        shipped();
        return List.copyOf(shippedWarnings);
    }

    public static Settings settings(Path knowledge, Path data) {
        return Settings.fromEnvironment(Map.of(
                Settings.KNOWLEDGE_DIR, knowledge.toString(),
                Settings.DATA_DIR, data.toString()));
    }
}
