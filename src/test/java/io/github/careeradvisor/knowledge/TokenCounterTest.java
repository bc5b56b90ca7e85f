package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenCounterTest {

    @Test
    void counts_word_pieces_without_the_models_two_special_tokens() {
        TokenCounter tokens = TokenCounter.forMiniLm();
        assertEquals(0, tokens.count(""));
        assertEquals(3, tokens.count("Machine learning engineer"));
        // A word the vocabulary lacks is cut into pieces: "kubernetes" is more than one.
        assertTrue(tokens.count("kubernetes") > 1);
    }
}
