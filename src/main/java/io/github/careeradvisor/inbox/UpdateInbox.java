package io.github.careeradvisor.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bot's durable inbox and reply journal: every update from Telegram is stored here before Telegram
 * is told it was received; its reply is stored once composed, before the first part goes out, and each
 * part is recorded as sent. A restart sends what was composed but not sent (the same words, from the
 * next unsent part), answers what was stored but not composed, and never an update already answered.
 * Message texts are kept only until the answer; an answered update keeps neither text nor sender.
 */
public interface UpdateInbox {

    /** One update as received: its id, its chat and sender, and the update itself as Telegram sent it. */
    record Received(long updateId, long chatId, long userId, String payload) {
    }

    /** The offset to ask Telegram for next: every update below it is stored here (or was skipped). */
    long nextOffset();

    /** What {@link #receive} is given when no offset moves: a webhook's updates (the newest stored is the offset). */
    long NO_OFFSET = 0;

    /**
     * Stores a batch and moves the offset past it ({@link #NO_OFFSET}: leaves it), in one transaction.
     * Returns the updates that were new: one already stored (answered or not) is not handed out twice.
     */
    List<Received> receive(List<Received> batch, long nextOffset);

    /**
     * An update not answered yet, as the last run left it: its reply, if one was composed (as the bot
     * wrote it), how many of its parts went out, and how many starts have taken it up since.
     */
    record Unanswered(Received update, @Nullable String reply, int partsSent, int starts) {
    }

    /** The reply to an update is composed: it is stored, before any part of it is sent. */
    void replying(long updateId, String reply);

    /** {@code partsSent} parts of the reply went out; once {@code all} did, the update is answered. */
    void sent(long updateId, int partsSent, boolean all);

    /** The reply went out (or no reply is due): the update is done, its text and sender are dropped. */
    void answered(long updateId);

    /** Stored updates not answered yet, oldest first: what a crash interrupted. */
    List<Unanswered> unanswered();

    /**
     * The unanswered updates, taken up by a start: each counts one more start. An update that many
     * starts took up without finishing is what keeps crashing the bot.
     */
    List<Unanswered> resume();

    /**
     * How many stored updates wait for their answer, and when the oldest of them was received (null when
     * none waits): what the operators' metrics show of the backlog (README, "Health and metrics").
     */
    record Backlog(int depth, @Nullable Instant oldest) {
    }

    Backlog backlog();

    /**
     * Whether other processes answer from this inbox too (replicas on one PostgreSQL): then each takes
     * updates by {@link #claim}ing them, and none hands out what it stored itself.
     */
    boolean shared();

    /**
     * Claims for {@code owner} up to {@code max} updates ready to be answered: each the oldest unanswered
     * update of its chat (so a chat is answered in order, one update at a time, whichever process takes
     * it), not claimed by another owner whose lease still runs. A claim lasts {@code lease} unless
     * {@linkplain #renew renewed}; it counts one more start. An update whose owner died is claimed again
     * once the lease ran out, with the reply and parts sent as that owner left them. Oldest first.
     */
    List<Unanswered> claim(String owner, int max, Duration lease);

    /** {@code owner} is still at work on {@code updateIds}: their claims last {@code lease} from now. */
    void renew(String owner, Collection<Long> updateIds, Duration lease);

    /** {@code owner} stops: its unanswered claims are let go, for another process to take at once. */
    void release(String owner);
}
