package io.github.careeradvisor.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One turn of a conversation as the advisor remembers it: what the person typed, what it was understood
 * as, and what the reply showed, so a follow-up can be read against it.
 *
 * @param intent the intent the message was understood as, by its id (e.g. {@code salary})
 * @param slots what the message named or carried over, by slot name (e.g. {@code level → senior})
 * @param shown the ids of the passages the reply quoted, so "tell me more" can show the next ones
 * @param facts the ids of what the reply listed (certifications, roadmap topics), in its order
 * @param proposed whether the reply was a question asked back that proposed {@code question} ("Do you
 *     mean what senior ML engineers earn?"), so that "yes" answers it
 */
public record DialogueTurn(Instant at, String question, String intent, Map<String, String> slots, List<String> shown,
        List<String> facts, boolean proposed) {

    /** Longer questions are kept cut here: enough to read a follow-up against. */
    public static final int MAX_QUESTION = 500;

    /** A turn the advisor answered (not a question asked back). */
    public DialogueTurn(Instant at, String question, String intent, Map<String, String> slots, List<String> shown,
            List<String> facts) {
        this(at, question, intent, slots, shown, facts, false);
    }

    public DialogueTurn {
        question = question.length() <= MAX_QUESTION ? question : question.substring(0, MAX_QUESTION);
        slots = Map.copyOf(slots);
        shown = List.copyOf(shown);
        facts = List.copyOf(facts);
        if (intent.isBlank()) {
            throw new IllegalArgumentException("a turn needs the intent it was understood as");
        }
    }
}
