package io.github.careeradvisor.answer;

import java.util.List;

/**
 * Receives an answer while a language model is still writing it (README, "Use a language model"): each
 * call has the whole of what is written and checked so far, each time a sentence more. The answer itself
 * comes after, and may differ: a reply that fails its final check is replaced by the extractive answer.
 * Called on the thread that reads the model's reply, so it must not block for long.
 */
@FunctionalInterface
public interface Drafts {

    /** For front ends that show only the finished answer ({@code ask}, the warm-up). */
    Drafts NONE = soFar -> { };

    /** @param soFar the sentences written and checked so far, as blocks; never empty, no sources yet */
    void draft(List<Answer.Block> soFar);
}
