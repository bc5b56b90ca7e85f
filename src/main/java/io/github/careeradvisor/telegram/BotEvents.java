package io.github.careeradvisor.telegram;

/**
 * What the bot reports as it works, for the operators' metrics (README, "Health and metrics"): counts and
 * times only, never a user id or a message's text. {@link #NONE} when nobody listens.
 */
public interface BotEvents {

    /** Nobody listens. */
    BotEvents NONE = new BotEvents() {
    };

    /** The status of a Bot API call that got no answer at all (a lost connection, a timeout). */
    int NO_ANSWER = 0;

    /** An update came from Telegram and was stored, new. */
    default void updateReceived() {
    }

    /**
     * A message was answered: {@code intent} is what it was (a bounded set of names, see
     * {@link io.github.careeradvisor.advisor.Advisor.Answered}), {@code declined} whether it was a question
     * the guides could not answer.
     */
    default void answered(String intent, boolean declined) {
    }

    /** An answer's last part went out {@code nanos} after the bot took the update up. */
    default void answerDelivered(long nanos) {
    }

    /** One try of a Bot API call ended: {@code status} is 200, Telegram's error code, or {@link #NO_ANSWER}. */
    default void botApiCall(String method, int status) {
    }
}
