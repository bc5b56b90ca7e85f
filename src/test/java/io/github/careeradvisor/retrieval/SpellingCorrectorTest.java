package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingCorrectorTest {

    private final SpellingCorrector corrector = new SpellingCorrector(List.of(new Passage("p#0", "p.md",
            "Machine learning salary", "", List.of(),
            List.of(new Unit("A machine learning engineer earns a good salary.", Unit.Kind.SENTENCE, 0)))),
            java.util.Set.of("renew", "already", "tell", "learned", "actually", "burnout", "concrete")::contains,
            java.util.Set.of("actually")::contains);

    @Test
    void mends_slips_against_the_knowledge_words() {
        assertEquals("entry level machine learning engineer salary?",
                corrector.correct("entry level machien learning engineer salery?"));
    }

    @Test
    void finds_the_words_no_guide_uses_in_any_form_and_names_only_the_uncommon_ones() {
        // "earning" ends from "earns"' word, "mach" begins "machine", "salery" is a slip of "salary".
        java.util.List<String> unheard = corrector.unheard("Is burnout actually common, earning machine salery? Burnout!");
        assertEquals(List.of("burnout", "actually", "common"), unheard);
        assertEquals(List.of("burnout", "common"), corrector.worthNaming(unheard));
        assertEquals(List.of("burnout", "italy"), corrector.worthNaming(List.of("concretely", "burnout", "actually", "italy")));
        // The first half of a contraction is no word of its own.
        assertEquals(List.of("burnout"), corrector.unheard("shouldn't burnout?"));
        assertEquals(List.of(), corrector.unheard("mach learn engineers earning a good salary"));
    }

    @Test
    void a_plurals_root_may_begin_a_guide_word_and_another_words_root_only_if_it_ends_as_one() {
        SpellingCorrector guides = new SpellingCorrector(List.of(new Passage("p#0", "p.md", "Certification", "",
                List.of(), List.of(new Unit("Banking teams are familiar with trends.", Unit.Kind.SENTENCE, 0)))),
                w -> false, w -> false);
        // "certs" and "banks" shorten guide words; "trending" and "banked" are "trends" and "banking" ended
        // otherwise; "family" is not "familiar" with "-ly".
        assertEquals(List.of("family"), guides.unheard("certs banks trending banked family"));
    }

    @Test
    void leaves_known_short_and_unmatched_words_alone() {
        assertEquals("how do I bake sourdough bread", corrector.correct("how do I bake sourdough bread"));
    }

    @Test
    void leaves_words_of_the_language_alone_though_the_guides_never_use_them() {
        // "already" is one edit from "ready" and "tell" from "well"; "renewing" ends from "renew", "learnt" does not.
        SpellingCorrector withReady = new SpellingCorrector(List.of(new Passage("p#0", "p.md", "Ready", "", List.of(),
                List.of(new Unit("Are you ready? Well, learn and renew.", Unit.Kind.SENTENCE, 0)))),
                java.util.Set.of("already", "tell", "renew")::contains, w -> false);
        assertEquals("already ready, tell me about renewing", withReady.correct("already ready, tell me about renewing"));
        assertEquals("learn it", withReady.correct("learnn it"));
    }

    @Test
    void mends_only_into_a_word_that_begins_as_the_slip_does() {
        assertEquals("galary and machine", corrector.correct("galary and amchine"));
    }

    @Test
    void mends_two_edits_only_in_long_words() {
        // Eight letters two edits from "engineer" stay; "engineerz" is one edit, "machhinne" two in nine letters.
        assertEquals("enginaar engineer machine", corrector.correct("enginaar engineerz machhinne"));
    }

    @Test
    void counts_a_swap_of_neighbours_as_one_edit() {
        assertEquals(1, SpellingCorrector.distance("machien", "machine", 2));
        assertEquals(3, SpellingCorrector.distance("abcdef", "uvwxyz", 2));
    }
}
