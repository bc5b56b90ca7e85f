package io.github.careeradvisor.generation;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.Drafts;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.Retrieval;
import java.util.List;
import java.util.Optional;

/**
 * The language model's part in a reply, when one is set (README, "Use a language model"): it may rewrite a
 * follow-up into a question of its own, and phrase a grounded answer from its passages. Off, both give back
 * what the rules and the extractive composer made, and nothing connects anywhere.
 */
public interface Phrasing {

    /** Generation off ({@code ADVISOR_LLM_URL} unset): the extractive answer, and no connection anywhere. */
    Phrasing EXTRACTIVE = (recent, drafts) -> new Turn() {
        @Override
        public Optional<String> standalone(String followUp) {
            return Optional.empty();
        }

        @Override
        public Answer phrase(Retrieval found, String question, Profile profile, Answer extractive) {
            return extractive;
        }
    };

    /**
     * The model's part in one message's reply: its calls share the reply's time budget
     * ({@code ADVISOR_LLM_TIMEOUT}), so a slow model costs a person that long and no more.
     *
     * @param recent the thread's previous questions, oldest first
     * @param drafts who is shown a phrased answer while it is being written
     */
    Turn turn(List<String> recent, Drafts drafts);

    /** What the model did since the start, for /stats; empty when generation is off. */
    default Optional<Counts> counts() {
        return Optional.empty();
    }

    /**
     * @param generated replies the model phrased that passed the checks
     * @param failed calls that gave the extractive answer or the rules' reading instead
     * @param rewritten follow-ups the model rewrote into questions of their own
     */
    record Counts(long generated, long failed, long rewritten) {
    }

    /** One message's calls to the model. */
    interface Turn {

        /**
         * The follow-up ("and in Europe?") as a question that needs no thread to be understood, or empty
         * if the model is off, failed or said something unusable: the rules' reading is used then.
         */
        Optional<String> standalone(String followUp);

        /**
         * The answer phrased from {@code found}, checked; {@code extractive} whenever phrasing fails.
         *
         * @param found what retrieval found for the question, best first
         * @param extractive the answer composed from {@code found}
         */
        Answer phrase(Retrieval found, String question, Profile profile, Answer extractive);
    }
}
