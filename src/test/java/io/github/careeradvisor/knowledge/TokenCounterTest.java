package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    @Test
    void counts_word_pieces_without_the_models_two_special_tokens() {
        try (TokenCounter tokens = TokenCounter.forMiniLm()) {
            assertEquals(0, tokens.count(""));
            assertEquals(3, tokens.count("Machine learning engineer"));
            // A word the vocabulary lacks is cut into pieces: "kubernetes" is more than one.
            assertTrue(tokens.count("kubernetes") > 1);
        }
    }

    @Test
    void the_tokenizer_is_told_to_stay_offline_before_it_loads_so_it_never_phones_home() {
        try (TokenCounter tokens = TokenCounter.forMiniLm()) {
            // What DJL checks before reading the cloud metadata address and reporting the machine.
            assertTrue(Utils.isOfflineMode());
            assertEquals("true", Utils.getEnvOrSystemProperty(TokenCounter.NO_TRACKING));
        }
    }
}
