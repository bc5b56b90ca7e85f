package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Drafts;
import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.profile.FeedbackStore;
import io.github.careeradvisor.storage.DatabaseFile;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Votes on answers and the comment after a 👎 (README, "Feedback"), through the real advisor and its
 * SQLite file: what is noted for votes, what is taken as a comment, and what is answered as a question.
 */
class FeedbackTest {

    private static final AtomicLong NEXT_USER = new AtomicLong(810_000 + System.nanoTime() % 100_000 * 10);

    private final Advisor advisor = TestAdvisors.shipped().advisor();
    private final long user = NEXT_USER.addAndGet(10);

    @AfterEach
    void forget() {
        advisor.reply(user, "/forget");
    }

    private Advisor.Answered ask(String text) {
        return advisor.answer(user, user, text, Drafts.NONE);
    }

    private long comments(String comment) throws Exception {
        return DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR, "SELECT count(*) FROM votes WHERE user_id = " + user
                + " AND comment = '" + comment + "'");
    }

    @Test
    void questions_are_noted_for_votes_and_commands_small_talk_and_statements_are_not() {
        assertNotNull(ask("how much does a junior ML engineer earn?").id());
        assertNotNull(ask("how do I bake sourdough bread?").id(), "a declined question, for the operator's report");
        assertNull(ask("/salary").id());
        assertNull(ask("thanks!").id());
        assertNull(ask("I'm a data engineer with 8 years on GCP").id());
    }

    @Test
    void a_question_asked_back_is_neither_voted_on_nor_reported_as_missing_from_the_guides() {
        Advisor.Answered askedBack = ask("and seniors?"); // a follow-up with nothing before it

        assertTrue(PlainText.body(askedBack.answer()).startsWith("Do you mean"), PlainText.body(askedBack.answer()));
        assertNull(askedBack.id());
        assertTrue(!askedBack.declined());
    }

    @Test
    void the_message_after_a_thumbs_down_that_is_not_a_question_is_kept_as_the_comment() throws Exception {
        long answer = ask("is the TensorFlow developer certificate still offered?").id();

        assertEquals(FeedbackStore.Vote.ASK_WHAT_WAS_MISSING, advisor.vote(user, user, answer, false));
        String reply = PlainText.body(ask("it did not say what replaced it").answer());

        assertEquals(Messages.COMMENT_TAKEN, reply);
        assertEquals(1, comments("it did not say what replaced it"));
    }

    @Test
    void a_question_after_a_thumbs_down_is_answered_and_the_wait_for_a_comment_ends() throws Exception {
        long answer = ask("how much does a junior ML engineer earn?").id();
        advisor.vote(user, user, answer, false);

        Advisor.Answered next = ask("and seniors?");
        Advisor.Answered after = ask("the pay in Europe was missing");

        assertTrue(next.answer().grounded(), PlainText.body(next.answer()));
        assertTrue(PlainText.body(next.answer()).contains("$"), PlainText.body(next.answer()));
        assertTrue(!PlainText.body(after.answer()).equals(Messages.COMMENT_TAKEN), "asked once only");
        assertEquals(0, comments("the pay in Europe was missing"));
    }

    @Test
    void a_vote_on_an_answer_that_is_gone_is_unknown() {
        long answer = ask("what skills does an ML engineer need?").id();
        advisor.reply(user, "/forget");

        assertEquals(FeedbackStore.Vote.UNKNOWN_ANSWER, advisor.vote(user, user, answer, true));
    }

    @Test
    void a_question_is_told_from_a_comment_by_its_mark_or_its_first_word() {
        assertTrue(Comments.isQuestion("and seniors?"));
        assertTrue(Comments.isQuestion("what about Europe"));
        assertTrue(Comments.isQuestion("Tell me about MLOps"));
        assertTrue(!Comments.isQuestion("nothing about Europe"));
        assertTrue(!Comments.isQuestion("the exam price was wrong"));
        assertTrue(!Comments.isQuestion(""));
    }
}
