package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.profile.FeedbackStore.Vote;
import io.github.careeradvisor.storage.StoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Questions, votes and comments: once per person and answer, reported, forgotten, aged out; on SQLite and
 * on PostgreSQL by the subclasses.
 */
abstract class FeedbackStoreContract extends StoreContract {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant WEEK_AGO = NOW.minus(Duration.ofDays(7));

    FeedbackStoreContract(Kind kind) {
        super(kind);
    }

    private SqlProfileStore store() {
        return new SqlProfileStore(open());
    }

    @Test
    void a_vote_is_stored_once_per_person_and_answer_and_a_second_press_changes_it() {
        try (SqlProfileStore store = store()) {
            FeedbackStore feedback = store.feedback();
            long answer = feedback.answered(7, 7, "what does a junior earn?", true, NOW);

            assertEquals(Vote.STORED, feedback.vote(answer, 7, 7, true, NOW));
            assertEquals(Vote.UNCHANGED, feedback.vote(answer, 7, 7, true, NOW));
            assertEquals(Vote.ASK_WHAT_WAS_MISSING, feedback.vote(answer, 7, 7, false, NOW));
            assertEquals(Vote.STORED, feedback.vote(answer, 7, 7, true, NOW));
            assertEquals(Vote.STORED, feedback.vote(answer, 7, 7, false, NOW), "what was missing is asked once");
            assertEquals(Vote.STORED, feedback.vote(answer, 8, 7, true, NOW), "another person in a group");

            FeedbackStore.Report report = feedback.report(WEEK_AGO, 10);
            assertEquals(1, report.answers());
            assertEquals(1, report.voted());
            assertEquals(2, report.votes(), "one vote each, the last press counting");
            assertEquals(1, report.helpful());
            assertEquals(List.of(new FeedbackStore.DownVoted("what does a junior earn?", 1, 1, List.of())),
                    report.downVoted());
        }
    }

    @Test
    void a_vote_on_an_answer_given_before_a_restart_is_stored() {
        long answer;
        try (SqlProfileStore store = store()) {
            answer = store.feedback().answered(7, 7, "what does a senior earn?", true, NOW);
        }
        try (SqlProfileStore reopened = store()) {
            assertEquals(Vote.ASK_WHAT_WAS_MISSING, reopened.feedback().vote(answer, 7, 7, false, NOW.plusSeconds(60)));
            assertEquals(Optional.of(answer), reopened.feedback().takeCommentWanted(7, 7, NOW));
        }
    }

    @Test
    void a_button_naming_no_answer_stores_nothing() {
        try (SqlProfileStore store = store()) {
            assertEquals(Vote.UNKNOWN_ANSWER, store.feedback().vote(424242, 7, 7, false, NOW));
            assertEquals(0, store.feedback().report(WEEK_AGO, 10).votes());
        }
    }

    @Test
    void the_comment_after_a_thumbs_down_is_waited_for_once_in_that_chat_and_not_for_ever() {
        try (SqlProfileStore store = store()) {
            FeedbackStore feedback = store.feedback();
            long answer = feedback.answered(7, 7, "is the TensorFlow exam still offered?", true, NOW);
            feedback.vote(answer, 7, 7, false, NOW);

            assertEquals(Optional.empty(), feedback.takeCommentWanted(7, 99, NOW), "another chat");
            assertEquals(Optional.of(answer), feedback.takeCommentWanted(7, 7, NOW.minusSeconds(60)));
            assertEquals(Optional.empty(), feedback.takeCommentWanted(7, 7, NOW.minusSeconds(60)), "asked once");
            feedback.comment(answer, 7, "  what replaced it  ");

            long late = feedback.answered(7, 7, "how much is the MLA-C01 exam?", true, NOW);
            feedback.vote(late, 7, 7, false, NOW);
            assertEquals(Optional.empty(), feedback.takeCommentWanted(7, 7, NOW.plusSeconds(1)), "too long ago");
            assertEquals(Optional.empty(), feedback.takeCommentWanted(7, 7, NOW.minusSeconds(60)), "the wait ended");

            assertEquals(List.of("what replaced it"), feedback.report(WEEK_AGO, 10).downVoted().stream()
                    .filter(d -> d.question().startsWith("is the")).findFirst().orElseThrow().comments());
        }
    }

    @Test
    void declined_questions_are_counted_as_one_whatever_their_case_and_punctuation_most_asked_first() {
        try (SqlProfileStore store = store()) {
            FeedbackStore feedback = store.feedback();
            feedback.answered(1, 1, "How do I bake bread?", false, NOW);
            feedback.answered(2, 2, "how do i bake bread", false, NOW);
            feedback.answered(3, 3, "what's the best laptop?", false, NOW);
            feedback.answered(4, 4, "what does a senior earn?", true, NOW);
            feedback.answered(5, 5, "an old one nobody asks now", false, NOW.minus(Duration.ofDays(8)));

            FeedbackStore.Report report = feedback.report(WEEK_AGO, 10);

            assertEquals(4, report.answers());
            assertEquals(List.of(new FeedbackStore.Declined("how do i bake bread", 2),
                    new FeedbackStore.Declined("what's the best laptop?", 1)), report.declined());
            assertEquals(1, feedback.report(WEEK_AGO, 1).declined().size(), "the top N only");
        }
    }

    @Test
    void forget_deletes_a_persons_questions_and_every_vote_on_them_and_their_votes_elsewhere() {
        try (SqlProfileStore store = store()) {
            FeedbackStore feedback = store.feedback();
            long mine = feedback.answered(7, -100, "my question in a group", false, NOW);
            long theirs = feedback.answered(8, -100, "their question", true, NOW);
            feedback.vote(mine, 8, -100, false, NOW);
            feedback.vote(theirs, 7, -100, false, NOW);
            feedback.comment(theirs, 7, "my words about their answer");

            assertTrue(store.forget(7));

            FeedbackStore.Report report = feedback.report(WEEK_AGO, 10);
            assertEquals(1, report.answers());
            assertEquals(0, report.votes());
            assertEquals(Vote.UNKNOWN_ANSWER, feedback.vote(mine, 8, -100, true, NOW));
            assertFalse(store.forget(7));
        }
    }

    @Test
    void rows_older_than_the_keeping_time_go() {
        try (SqlProfileStore store = store()) {
            FeedbackStore feedback = store.feedback();
            long old = feedback.answered(7, 7, "an old question", true, NOW.minus(Duration.ofDays(100)));
            feedback.vote(old, 7, 7, true, NOW.minus(Duration.ofDays(100)));
            feedback.answered(7, 7, "a new question", true, NOW);

            feedback.expire(NOW.minus(Duration.ofDays(FeedbackStore.KEEP_DAYS)));

            assertEquals(1, feedback.report(NOW.minus(Duration.ofDays(365)), 10).answers());
            assertEquals(0, feedback.report(NOW.minus(Duration.ofDays(365)), 10).votes());
        }
    }
}
