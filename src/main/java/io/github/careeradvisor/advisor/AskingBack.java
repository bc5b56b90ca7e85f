package io.github.careeradvisor.advisor;

import io.github.careeradvisor.retrieval.HybridRetriever;
import io.github.careeradvisor.retrieval.Query;
import org.jspecify.annotations.Nullable;

/**
 * The questions the advisor asks back instead of guessing: for a follow-up with nothing before it
 * ("and seniors?" in a new chat), and for a message it cannot place ("is it worth it?"). Where one
 * proposes a question ("Do you mean what senior ML engineers earn?"), that question, its intent and its
 * slots are what the thread keeps, so "yes" or "I meant their salary" answers it (see
 * {@link Interpreter}).
 */
final class AskingBack {

    /** Below this share of the router's vote a message that found nothing gets a question back, not a decline. */
    static final double UNSURE = 0.5;

    private final HybridRetriever retriever;
    private final IntentRouter router;

    AskingBack(HybridRetriever retriever, IntentRouter router) {
        this.retriever = retriever;
        this.router = router;
    }

    /**
     * The question asked back for a follow-up with nothing before it, proposing the question its slots
     * suggest where they suggest one.
     *
     * @param aboutAnExam whether the follow-up asked an aspect of an exam ("how much is it?")
     */
    Understanding forFollowUp(String text, boolean aboutAnExam, Slots slots, Query query, Intent intent) {
        if (slots.level() != null) {
            return proposing("Do you mean what " + slots.level().label() + " ML engineers earn? Say yes, or ask me a "
                    + "whole question.", "How much does a " + slots.level().label() + " ML engineer earn?", Intent.SALARY,
                    slots);
        }
        if (slots.region() != null) {
            return proposing("What would you like to know about " + slots.region() + ": what ML engineers earn there? "
                    + "Say yes, or ask me a whole question.", "How much do ML engineers earn in " + slots.region() + "?",
                    Intent.SALARY, slots);
        }
        if (slots.cloud() != null) {
            return proposing("Do you mean which " + slots.cloud().label() + " certification to take? Say yes, or ask "
                    + "me a whole question.", "Which certification should I take for " + slots.cloud().label() + "?",
                    Intent.CERT_ADVICE, slots);
        }
        String question = aboutAnExam
                ? "Which certification do you mean? Name it, e.g. \"How much does MLA-C01 cost?\" or \"Is the "
                        + "Google Professional ML Engineer still available?\""
                : "What would you like to know? We have not talked about anything yet, so ask me a whole question, "
                        + "e.g. \"How much does a junior ML engineer earn?\"";
        return Understanding.clarifying(text, query, intent, Slots.NONE, question);
    }

    private Understanding proposing(String question, String proposal, Intent intent, Slots slots) {
        return Understanding.clarifying(proposal, retriever.prepare(proposal), intent, slots.withAspect(null), question);
    }

    /**
     * For a message that found nothing, in the words of the guides, that the router cannot place
     * ("the professional stuff?"): the question asked back, offering the likeliest one or two readings.
     * Null where a decline is the honest reply: off-topic, small talk, words the guides never use, or
     * one reading clear enough to have been tried.
     */
    @Nullable String unsure(String text) {
        IntentRouter.Routing routing = router.route(retriever.prepare(text));
        Intent first = routing.intent();
        Intent second = routing.second();
        if (first.offer() == null || routing.confidence() >= UNSURE
                || Interpreter.foreign(retriever.wording(text))) {
            return null;
        }
        return "I'm not sure what you are asking. Is it " + first.offer()
                + (second.offer() == null || second == first ? "" : ", or " + second.offer())
                + "? Ask me in a whole sentence and I will look it up.";
    }
}
