package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import java.util.List;

/**
 * What a handler made of one understood question: the answer, and the ids of what it listed
 * (certifications, roadmap topics) in order, which the thread keeps for "which one first?".
 */
record Handled(Answer answer, List<String> facts) {

    Handled {
        facts = List.copyOf(facts);
    }

    static Handled of(Answer answer) {
        return new Handled(answer, List.of());
    }

    Handled withHeading(String line) {
        return new Handled(answer.withHeading(line), facts);
    }
}
