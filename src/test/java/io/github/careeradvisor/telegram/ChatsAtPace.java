package io.github.careeradvisor.telegram;

import java.io.IOException;
import java.net.URI;

/**
 * People in many private chats asking a bot that runs in another process, at the pace the caller sets,
 * through {@link FakeBotApi}: each asks only once their last question was answered, and every reply is
 * counted. The soak's way in to this package's stand-in, as {@link BotUnderLoad} is the load benchmark's.
 */
public final class ChatsAtPace implements AutoCloseable {

    /** The token the stand-in serves: give it to the bot as {@code TELEGRAM_BOT_TOKEN}. */
    public static final String TOKEN = FakeBotApi.TOKEN;

    private final FakeBotApi telegram;

    /** A stand-in on 127.0.0.1 whose updates are numbered from {@code firstUpdateId} on. */
    public ChatsAtPace(int firstUpdateId) throws IOException {
        telegram = new FakeBotApi();
        telegram.numberUpdatesFrom(firstUpdateId);
    }

    /** Give it to the bot as {@code TELEGRAM_API_URL}. */
    public URI url() {
        return telegram.url();
    }

    /**
     * Waits until the bot has started (it polls: it sets its command menu earlier, while its index is
     * built); from then on replies are counted.
     */
    public boolean awaitBot(long timeoutMillis) throws InterruptedException {
        boolean started = telegram.awaitCall("getUpdates", 1, timeoutMillis);
        telegram.countReplies();
        return started;
    }

    /** The person in {@code chat} asks {@code text}; false, and nothing asked, if their last question is unanswered. */
    public boolean ask(long chat, String text) {
        return telegram.askUnlessWaiting(chat, text);
    }

    /** Questions asked and not answered yet. */
    public int waiting() {
        return telegram.waiting();
    }

    /** Each reply's latency so far, in milliseconds, from the question entering the queue to the reply reaching the stand-in. */
    public double[] latencies() {
        return telegram.latencies();
    }

    /** Replies that came to a chat with no question waiting: a second reply to one question. */
    public int unexpected() {
        return telegram.unexpected();
    }

    @Override
    public void close() {
        telegram.close();
    }
}
