package io.github.careeradvisor.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Weekly reminders, one per person (README, "Weekly reminders"). Each row knows when it is next due; taking
 * the due ones moves them on a week in the same transaction, so a restart never sends one twice.
 * {@link ProfileStore#forget} deletes a person's reminder with the rest of their data.
 */
public interface ReminderStore {

    /** A reminder due later than this after its time (the bot was down) is skipped to the next week. */
    Duration GRACE = Duration.ofHours(1);

    /** Sets (or replaces) the person's reminder, to go to {@code chatId}; next due after {@code now}. */
    void set(long userId, long chatId, Weekly when, Instant now);

    /** The person's reminder, if they have one. */
    Optional<Weekly> get(long userId);

    /** Stops the person's reminder; true if there was one. */
    boolean remove(long userId);

    /**
     * Takes up to {@code limit} reminders due at {@code now}, oldest first, and moves each on to its next
     * week in the same transaction. Those more than {@link #GRACE} late are moved on and not returned.
     */
    List<Due> takeDue(Instant now, int limit);

    /** A reminder to send now: to whom, where, and when it was due. */
    record Due(long userId, long chatId, Instant dueAt) {
    }
}
