package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LevelSynonymsTest {

    @Test
    void a_title_the_guides_do_not_use_gets_their_word_added_and_nothing_taken_out() {
        assertEquals("what does a principal ML engineer earn? (senior)",
                LevelSynonyms.expand("what does a principal ML engineer earn?"));
        assertEquals("Staff or principal engineer pay (senior)", LevelSynonyms.expand("Staff or principal engineer pay"));
        assertEquals("salary for freshers (entry-level junior)", LevelSynonyms.expand("salary for freshers"));
        assertEquals("how much does a junior earn?", LevelSynonyms.expand("how much does a junior earn?"));
        assertEquals("who sits at the very top? (executive)", LevelSynonyms.expand("who sits at the very top?"));
        assertEquals("top companies", LevelSynonyms.expand("top companies"), "'top' alone is not a level");
        assertEquals("principality of Monaco", LevelSynonyms.expand("principality of Monaco"), "whole words only");
    }

    @Test
    void a_level_asked_what_comes_after_is_searched_as_the_next_stage_of_the_guides_not_its_own() {
        assertEquals("what comes next: mid-level?", LevelSynonyms.expand("what comes after junior?"));
        assertEquals("what's next: executive?", LevelSynonyms.expand("what's above senior?"));
        assertEquals("what comes next: executive?", LevelSynonyms.expand("what comes after staff?"));
        assertEquals("what comes next: executive ML engineer?", LevelSynonyms.expand("what comes after senior ML engineer?"));
        assertEquals("where can a principal go next: senior? (senior)",
                LevelSynonyms.expand("where can a principal go beyond the mid-level?"), "the title asked about keeps its word");
        assertEquals("after lunch, what do seniors earn?", LevelSynonyms.expand("after lunch, what do seniors earn?"));
        assertEquals("What comes next: executive?", LevelSynonyms.expand("What comes After Senior?"), "in any case");
        assertEquals("İstanbul: what comes next: executive?", LevelSynonyms.expand("İstanbul: what comes after senior?"),
                "a letter whose lower case is longer does not shift the cut");
    }
}
