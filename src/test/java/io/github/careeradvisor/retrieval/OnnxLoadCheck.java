package io.github.careeradvisor.retrieval;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link OnnxLibrariesTest}: starts the model with the data dir given, embeds
 * a text, and prints every ONNX Runtime library mapped into this process, one path a line, then every
 * library the tokenizer once brought (its Rust library, JNA, CUDA's runtime), after {@value #OTHER}.
 */
public final class OnnxLoadCheck {

    static final String OTHER = "other: ";

    private OnnxLoadCheck() {
    }

    public static void main(String[] args) throws Exception {
        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1, Path.of(args[0]))) {
            if (model.embed("which certification for Google Cloud?").length != Embedder.DIMENSIONS) {
                throw new IllegalStateException("no vector");
            }
            try (var maps = Files.lines(Path.of("/proc/self/maps"))) {
                maps.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
                        .filter(path -> path.contains("onnxruntime") || path.matches(".*(tokenizers|jnidispatch|cuda).*"))
                        .distinct().forEach(path -> System.out.println(path.contains("onnxruntime") ? path : OTHER + path));
            }
        }
    }
}
