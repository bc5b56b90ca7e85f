package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingCorrectorTest {

    private final SpellingCorrector corrector = new SpellingCorrector(List.of(new Passage("p#0", "p.md",
            "Machine learning salary", "", List.of(),
            List.of(new Unit("A machine learning engineer earns a good salary.", Unit.Kind.SENTENCE, 0)))));

    @Test
    void mends_slips_against_the_knowledge_words() {
        assertEquals("entry level machine learning engineer salary?",
                corrector.correct("entry level machien learning engineer salery?"));
    }

    @Test
    void leaves_known_short_and_unmatched_words_alone() {
        assertEquals("how do I bake sourdough bread", corrector.correct("how do I bake sourdough bread"));
    }

    @Test
    void counts_a_swap_of_neighbours_as_one_edit() {
        assertEquals(1, SpellingCorrector.distance("machien", "machine", 2));
        assertEquals(3, SpellingCorrector.distance("abcdef", "uvwxyz", 2));
    }
}
