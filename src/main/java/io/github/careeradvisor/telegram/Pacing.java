package io.github.careeradvisor.telegram;

/**
 * How fast the bot may send, after Telegram's published limits: about one message a second in a chat,
 * twenty a minute in a group, and 25 a second in all (Telegram allows about 30: the rest is headroom for
 * the edits and callback answers the pacer does not book). Tests use {@link #NONE}.
 */
record Pacing(long privateChatMillis, long groupChatMillis, int perSecond) {

    static final Pacing TELEGRAM = new Pacing(1_000, 3_000, 25);
    static final Pacing NONE = new Pacing(0, 0, Integer.MAX_VALUE);
}
