package io.github.careeradvisor.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What people asked and what they thought of the answers (README, "Feedback"): a row per free-text
 * answer (the question as asked, whether the guides answered it), at most one vote per person and
 * answer, and the comment a person may add after a 👎. Rows older than {@link #KEEP_DAYS} days go.
 * {@link ProfileStore#forget} deletes a person's questions, votes and comments with the rest of their data.
 */
public interface FeedbackStore {

    /** How long questions and votes are kept: long enough for any report an operator runs. */
    int KEEP_DAYS = 90;
    /** How long after a 👎 the next message may be taken as its comment. */
    int COMMENT_MINUTES = 30;

    /** Notes an answer to {@code question} given now; its id names it on the vote buttons. */
    long answered(long userId, long chatId, String question, boolean grounded, Instant at);

    /**
     * Stores {@code userId}'s vote on answer {@code answerId}, replacing an earlier one. A first 👎 marks
     * the person's next message in {@code chatId} as a possible comment.
     *
     * @return what became of the press
     */
    Vote vote(long answerId, long userId, long chatId, boolean helpful, Instant at);

    /** What a press of a vote button did. */
    enum Vote {
        /** Stored; the first 👎 on this answer by this person: ask once what was missing. */
        ASK_WHAT_WAS_MISSING,
        /** Stored, new or changed. */
        STORED,
        /** The same vote as before: nothing changed. */
        UNCHANGED,
        /** No such answer (forgotten, pruned, or the button forged): nothing stored. */
        UNKNOWN_ANSWER
    }

    /**
     * The answer whose 👎 is waiting for {@code userId}'s comment in {@code chatId}, asked for after
     * {@code since}; the wait ends either way, so a person is asked once.
     */
    Optional<Long> takeCommentWanted(long userId, long chatId, Instant since);

    /** Stores the comment {@code userId} gave on their 👎 of answer {@code answerId}, cut to 1,000 characters. */
    void comment(long answerId, long userId, String comment);

    /** What an operator reads of the answers given since {@code since}: questions as asked, never who asked. */
    Report report(Instant since, int top);

    /**
     * @param answers free-text answers given
     * @param voted answers with at least one vote
     * @param helpful votes of 👍
     * @param votes votes in all
     * @param downVoted the questions whose answers got the most 👎, most first
     * @param declined the questions the guides did not answer, most asked first
     */
    record Report(int answers, int voted, int helpful, int votes, List<DownVoted> downVoted, List<Declined> declined) {
        public Report {
            downVoted = List.copyOf(downVoted);
            declined = List.copyOf(declined);
        }
    }

    /** A question whose answer was voted down: how often, and what people said was missing. */
    record DownVoted(String question, int down, int up, List<String> comments) {
        public DownVoted {
            comments = List.copyOf(comments);
        }
    }

    /** A question the guides did not answer, as last asked, and how many times it was asked (case and punctuation aside). */
    record Declined(String question, int times) {
    }

    /** Deletes every question and vote older than {@code before}. */
    void expire(Instant before);
}
