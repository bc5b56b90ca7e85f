package io.github.careeradvisor.knowledge;

/**
 * Counts word pieces the way the embedding model's own tokenizer does, so passages can be kept under
 * the model's 128-piece input (the in-process model truncates longer input without a word).
 */
public final class TokenCounter {

    /** The model whose tokenizer ships inside the all-MiniLM-L6-v2 jar ({@code NAME-tokenizer.json}). */
    static final String MINILM = "all-minilm-l6-v2";

    private final WordPieceTokenizer tokenizer;

    private TokenCounter(WordPieceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static TokenCounter forMiniLm() {
        return new TokenCounter(WordPieceTokenizer.fromClasspath(MINILM));
    }

    /** Word pieces in {@code text}, without the two special tokens the model adds. */
    public int count(String text) {
        return tokenizer.count(text);
    }
}
