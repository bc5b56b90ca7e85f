package io.github.careeradvisor.retrieval;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.github.careeradvisor.knowledge.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * all-MiniLM-L6-v2 run in ONNX Runtime on the caller's thread: the text tokenized once, one run of the
 * model, the word pieces' vectors averaged and scaled to length 1 — the sentence-transformers recipe,
 * giving the vectors langchain4j's in-process model gives (checked in MiniLmTest). langchain4j's own
 * wrapper hands every text to a thread pool and tokenizes it three times; for one short question that
 * was more than the model's run itself (README, "Performance").
 */
final class MiniLm implements AutoCloseable {

    /** The model as trained, its weights in 32-bit floats ({@code ADVISOR_MODEL=float}). */
    static final String FLOAT = "all-minilm-l6-v2";
    /**
     * The same model with its weights in 8-bit integers, which langchain4j publishes, and the program runs by
     * default: about a third of the float model's time per question, a few facts fewer found (README, "Performance").
     */
    static final String QUANTIZED = "all-minilm-l6-v2-q";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean typeIds;

    /**
     * @param name the model's file name in its jar, without {@code .onnx}; its tokenizer is {@code NAME-tokenizer.json}
     * @param intraOpThreads ONNX Runtime's threads for one run; 0 lets it use every core
     */
    MiniLm(String name, int intraOpThreads) {
        this(name, intraOpThreads, null);
    }

    /**
     * The same, reading the model, and ONNX Runtime its libraries, from their copies in {@code copyDir}
     * (made at the first start) if given.
     */
    MiniLm(String name, int intraOpThreads, @Nullable Path copyDir) {
        this(name, intraOpThreads, OptLevel.ALL_OPT, true, copyDir);
    }

    MiniLm(String name, int intraOpThreads, OptLevel optimisation, boolean arena) {
        this(name, intraOpThreads, optimisation, arena, null);
    }

    /**
     * The same with ONNX Runtime's graph optimisation and memory arena chosen (their defaults above;
     * the benchmark compares the others).
     */
    private MiniLm(String name, int intraOpThreads, OptLevel optimisation, boolean arena, @Nullable Path copyDir) {
        String model = name + ".onnx";
        // Before any of ONNX Runtime's classes is touched: the first one loads its libraries.
        OnnxLibraries.beforeFirstUse(copyDir);
        try (OrtSession.SessionOptions options = options(intraOpThreads, optimisation, arena)) {
            this.environment = OrtEnvironment.getEnvironment();
            this.session = session(model, copyDir == null ? Optional.empty() : ModelFile.in(copyDir, model), options,
                    optimised(environment, options, intraOpThreads, arena));
            this.typeIds = session.getInputNames().contains("token_type_ids");
            // Its input is cut as the tokenizer file says: 128 word pieces, what the model was trained on.
            this.tokenizer = WordPieceTokenizer.fromClasspath(name);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the embedding model " + model + " from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("starting the embedding model " + model + " in ONNX Runtime", e);
        }
    }

    private static OrtSession.SessionOptions options(int intraOpThreads, OptLevel optimisation, boolean arena)
            throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            options.setOptimizationLevel(optimisation);
            options.setCPUArenaAllocator(arena);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /**
     * Sessions on the model as optimised and kept in the data dir: loaded with {@code options}; saved at the
     * extended level (see {@link OptimizedModel}), the weights in a file of their own.
     */
    static OptimizedModel.Sessions optimised(OrtEnvironment environment, OrtSession.SessionOptions options,
            int intraOpThreads, boolean arena) {
        return new OptimizedModel.Sessions() {
            @Override
            public OrtSession load(Path graph) throws OrtException {
                return environment.createSession(graph.toString(), options);
            }

            @Override
            public OrtSession save(Path copy, Path graph) throws OrtException {
                try (OrtSession.SessionOptions saving = options(intraOpThreads, OptLevel.EXTENDED_OPT, arena)) {
                    saving.setOptimizedModelFilePath(graph.toString());
                    saving.addConfigEntry("session.optimized_model_external_initializers_file_name",
                            OptimizedModel.WEIGHTS);
                    saving.addConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
                    return environment.createSession(copy.toString(), saving);
                }
            }
        };
    }

    /**
     * A session on the model as optimised and kept beside its copy if there is a copy ({@link OptimizedModel}),
     * else on the copy if ONNX Runtime can read it (a damaged one is deleted), else on the jar's bytes.
     */
    private OrtSession session(String model, Optional<Path> copy, OrtSession.SessionOptions options,
            OptimizedModel.Sessions optimised) throws IOException, OrtException {
        if (copy.isPresent()) {
            Optional<OrtSession> fast = OptimizedModel.session(OptimizedModel.dir(copy.get(), environment.getVersion()),
                    copy.get(), optimised);
            if (fast.isPresent()) {
                return fast.get();
            }
            try {
                return environment.createSession(copy.get().toString(), options);
            } catch (OrtException e) {
                ModelFile.discard(copy.get(), e.getMessage());
            }
        }
        try (InputStream modelBytes = resource(model)) {
            return environment.createSession(modelBytes.readAllBytes(), options);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath; the build must include "
                    + "langchain4j-embeddings-" + name);
        }
        return in;
    }

    /** A text's word pieces as the model reads them, [CLS] and [SEP] included. */
    record Pieces(long[] ids, long[] mask, long[] types) {
    }

    /**
     * The word pieces of {@code text}.
     *
     * @throws IllegalArgumentException when the text has no word piece at all (blank, or only characters
     *     the tokenizer drops): there is nothing to embed
     */
    Pieces tokenize(String text) {
        long[] ids = tokenizer.modelIds(text);
        if (ids.length <= 2) {
            throw new IllegalArgumentException("no word piece to embed in '" + text + "'");
        }
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        return new Pieces(ids, mask, new long[ids.length]); // one text: every piece attended, all of type 0
    }

    /**
     * Whether the tokenizer's vocabulary has {@code word} (lower case) as one whole word piece: about
     * 22,000 English words, so a word of the language, not a slip, though the guides may never use it.
     */
    boolean isWholeWord(String word) {
        return vocabularyId(word) >= 0;
    }

    /**
     * The id of {@code word} (lower case) in the tokenizer's vocabulary if it is one whole word piece, else
     * -1. Past its first 2,000 or so ids (marks, characters), the vocabulary lists words about by how
     * common they are: "the" is 1997, "actually" 2942, "burnout" is not there.
     */
    int vocabularyId(String word) {
        return tokenizer.wholeWordId(word);
    }

    /** The unit-length vector of one text. */
    float[] embed(String text) {
        return embed(List.of(tokenize(text))).get(0);
    }

    /**
     * The vectors of several tokenized texts in one run of the model: the shorter ones padded, the
     * padding masked out of attention and out of the average, so each text gets the vector it gets
     * alone. (Not so with the quantized model, which scales its numbers per run.)
     */
    List<float[]> embed(List<Pieces> batch) {
        Batch input = Batch.of(batch);
        return pool(hidden(input), input);
    }

    /** Tokenized texts side by side, padded to the longest. */
    record Batch(long[] ids, long[] mask, long[] types, int rows, int length) {

        static Batch of(List<Pieces> texts) {
            int rows = texts.size();
            int length = texts.stream().mapToInt(p -> p.ids().length).max().orElseThrow();
            long[] ids = new long[rows * length];
            long[] mask = new long[rows * length];
            long[] types = new long[rows * length];
            for (int r = 0; r < rows; r++) {
                Pieces p = texts.get(r);
                System.arraycopy(p.ids(), 0, ids, r * length, p.ids().length);
                System.arraycopy(p.mask(), 0, mask, r * length, p.mask().length);
                System.arraycopy(p.types(), 0, types, r * length, p.types().length);
            }
            return new Batch(ids, mask, types, rows, length);
        }
    }

    /** One run of the model: the vector of every word piece of every row, row after row. */
    float[] hidden(Batch batch) {
        long[] shape = {batch.rows(), batch.length()};
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.ids()), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.mask()), shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.types()), shape)) {
            Map<String, OnnxTensor> inputs = typeIds
                    ? Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types)
                    : Map.of("input_ids", ids, "attention_mask", mask);
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] out = new float[hidden.remaining()];
                hidden.get(out);
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("running the embedding model on " + batch.rows() + " texts", e);
        }
    }

    /** Mean of each row's unmasked word-piece vectors, scaled to length 1. */
    static List<float[]> pool(float[] hidden, Batch batch) {
        int rows = batch.rows();
        int length = batch.length();
        int dimensions = hidden.length / (rows * length);
        List<float[]> vectors = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            float[] sum = new float[dimensions];
            int count = 0;
            for (int t = 0; t < length; t++) {
                if (batch.mask()[r * length + t] == 0) {
                    continue;
                }
                int from = (r * length + t) * dimensions;
                for (int d = 0; d < dimensions; d++) {
                    sum[d] += hidden[from + d];
                }
                count++;
            }
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                sum[d] /= count;
                norm += sum[d] * sum[d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimensions; d++) {
                sum[d] *= scale;
            }
            vectors.add(sum);
        }
        return vectors;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the embedding model", e);
        }
    }
}
