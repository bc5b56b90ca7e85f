package io.github.careeradvisor.generation;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.Retrieval;
import java.util.List;

/**
 * The last step of an answer from the guides: the extractive answer as it is, or the same passages phrased
 * by a language model and checked ({@link GeneratedPhrasing}). Only a grounded answer is ever phrased.
 */
public interface Phrasing {

    /** Generation off ({@code ADVISOR_LLM_URL} unset): the extractive answer, and no connection anywhere. */
    Phrasing EXTRACTIVE = (found, question, profile, recent, extractive) -> extractive;

    /**
     * @param found what retrieval found for the question, best first
     * @param recent the thread's previous questions, oldest first
     * @param extractive the answer composed from {@code found}, given back whenever phrasing fails
     */
    Answer phrase(Retrieval found, String question, Profile profile, List<String> recent, Answer extractive);
}
