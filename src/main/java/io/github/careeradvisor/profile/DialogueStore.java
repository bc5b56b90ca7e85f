package io.github.careeradvisor.profile;

import java.time.Instant;
import java.util.List;

/**
 * The recent turns of each conversation: one per person per chat. Turns older than the time to live
 * are neither returned nor kept, and only the last {@value #MAX_TURNS} of a conversation are.
 * {@link ProfileStore#forget} deletes a person's conversations with the rest of their data.
 */
public interface DialogueStore {

    /** A conversation remembers at most this many turns. */
    int MAX_TURNS = 10;

    /** The conversation's turns newer than {@code since}, oldest first. */
    List<DialogueTurn> recent(long userId, long chatId, Instant since);

    /**
     * Adds turns (one per question of a message, in order) in one transaction, and drops the
     * conversation's turns beyond the last {@value #MAX_TURNS} and every turn older than {@code since}.
     */
    void append(long userId, long chatId, List<DialogueTurn> turns, Instant since);

    /** Deletes every turn older than {@code since}, whoever it belongs to: at start, so a quiet bot keeps none. */
    void expire(Instant since);

    /** Forgets one conversation's thread, nothing else; true if there was any. */
    boolean clear(long userId, long chatId);
}
