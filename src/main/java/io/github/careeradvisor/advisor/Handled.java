package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.retrieval.Retrieval;
import java.util.List;

/**
 * What a handler made of one understood question: the answer, the ids of what it listed (certifications,
 * roadmap topics) in order, which the thread keeps for "which one first?", and whether the answer declines
 * a subject no guide mentions, which stays declined: not read again against the thread, not asked back.
 */
record Handled(Answer answer, List<String> facts, boolean outsideGuides) {

    Handled {
        facts = List.copyOf(facts);
    }

    Handled(Answer answer, List<String> facts) {
        this(answer, facts, false);
    }

    static Handled of(Answer answer) {
        return new Handled(answer, List.of());
    }

    /** {@code answer}, made from what {@code found} found, or declining it. */
    static Handled of(Answer answer, Retrieval found) {
        return new Handled(answer, List.of(), !found.unheard().isEmpty());
    }

    /** The guides' answer to what {@code found} found, or their decline. */
    static Handled composed(AnswerComposer composer, Retrieval found) {
        return of(composer.compose(found), found);
    }

    Handled withHeading(String line) {
        return new Handled(answer.withHeading(line), facts, outsideGuides);
    }
}
