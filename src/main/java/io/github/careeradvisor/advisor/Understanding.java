package io.github.careeradvisor.advisor;

import io.github.careeradvisor.retrieval.Query;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one message (or one part of a message that asks two things) was understood as: the intent,
 * the slots it names or carries over, and how it leans on the thread.
 *
 * @param text the words to search the guides with: the message, or for a follow-up the question it
 *     stands for ("how much does a senior ML engineer earn?")
 * @param query the prepared search for {@code text}
 * @param followUp how the message leans on the previous turn, or {@link FollowUp#NONE}
 * @param shown passages an earlier answer quoted, left out when the person asks for more
 * @param facts what the previous reply listed (certifications, topics), for "which one first?"
 * @param context the gist of the previous question, to read a question with when it finds nothing alone;
 *     empty when there is no thread
 */
record Understanding(String text, Query query, Intent intent, double confidence, Slots slots, FollowUp followUp,
        List<String> shown, List<String> facts, @Nullable String clarify, String context) {

    /** How a message leans on what was said before. */
    enum FollowUp {
        /** A question of its own. */
        NONE,
        /** The same question with a slot changed or added: "and seniors?", "what about Azure?". */
        SLOT,
        /** Another aspect of the same certification: "how much does it cost?". */
        ASPECT,
        /** An aspect of each certification the previous reply listed: "how much do they cost?". */
        EACH,
        /** The next passages on the same question: "tell me more". */
        MORE,
        /** The reason behind the previous answer: "why?". */
        WHY,
        /** The first of what the previous reply listed: "which one first?". */
        FIRST,
        /** A question about "it" or "that", read with the previous subject: "what does it depend on?". */
        REFER
    }

    Understanding {
        shown = List.copyOf(shown);
        facts = List.copyOf(facts);
    }

    /** The same question, read in the thread's context: its previous question's gist. */
    Understanding inContext(String context) {
        return new Understanding(text, query, intent, confidence, slots, followUp, shown, facts, clarify, context);
    }

    /**
     * The person's own words: the text without the thread's gist a follow-up is read with, which the
     * interpreter adds in parentheses at its end ("what about a PhD? (master's degree become ml engineer)").
     */
    String ownWords() {
        int gist = context.isBlank() ? -1 : text.lastIndexOf(" (");
        return gist > 0 && text.endsWith(")") ? text.substring(0, gist) : text;
    }

    boolean isFollowUp() {
        return followUp != FollowUp.NONE;
    }

    /** A message that cannot be answered without asking back: {@code clarify} is the question. */
    static Understanding clarifying(String text, Query query, Intent intent, Slots slots, String question) {
        return new Understanding(text, query, intent, 0, slots, FollowUp.NONE, List.of(), List.of(), question, "");
    }
}
