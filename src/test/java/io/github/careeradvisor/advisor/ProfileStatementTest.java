package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileStatementTest {

    @Test
    void a_sentence_about_oneself_before_a_question_is_told_apart_from_it() {
        assertEquals(Optional.of(new ProfileStatement.Told("I'm a data engineer with 8 years on GCP",
                "which certification should I take?")),
                ProfileStatement.toldBefore("I'm a data engineer with 8 years on GCP, which certification should I take?"));
        assertEquals(Optional.of(new ProfileStatement.Told("I know Python and SQL", "what should I learn next?")),
                ProfileStatement.toldBefore("I know Python and SQL. So what should I learn next?"));
        assertEquals(Optional.of(new ProfileStatement.Told("My goal is MLOps", "how long does it take?")),
                ProfileStatement.toldBefore("My goal is MLOps \u2014 how long does it take?"));
    }

    @Test
    void a_question_that_does_not_begin_with_oneself_has_nothing_told_before_it() {
        for (String question : new String[] {"how much does a junior ML engineer earn?",
                "my brother is a nurse, what should he learn?", "which cert is best, and how much is it?",
                "I'm a junior engineer who wants to know what to learn", "I wonder what to learn, how do I start?"}) {
            assertTrue(ProfileStatement.toldBefore(question).isEmpty(), question);
        }
    }
}
