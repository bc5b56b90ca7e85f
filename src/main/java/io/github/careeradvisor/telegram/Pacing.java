package io.github.careeradvisor.telegram;

/**
 * How fast the bot may send, after Telegram's published limits: about one message a second in a chat,
 * twenty a minute in a group, thirty a second in all. Tests use {@link #NONE}.
 */
record Pacing(long privateChatMillis, long groupChatMillis, int perSecond) {

    static final Pacing TELEGRAM = new Pacing(1_000, 3_000, 30);
    static final Pacing NONE = new Pacing(0, 0, Integer.MAX_VALUE);
}
