package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecadesTest {

    @Test
    void a_short_decade_gets_the_guides_form_added_and_other_numbers_are_left_alone() {
        assertEquals("what happened in the 90s? (1990s)", Decades.expand("what happened in the 90s?"));
        assertEquals("ML from the '60s to the 80s (1960s 1980s)", Decades.expand("ML from the '60s to the 80s"));
        assertEquals("after 2000? (2000s)", Decades.expand("after 2000?"));
        assertEquals("in 2000", Decades.expand("in 2000"));
        assertEquals("top 10 skills", Decades.expand("top 10 skills"));
    }
}
