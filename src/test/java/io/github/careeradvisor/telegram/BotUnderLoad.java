package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.inbox.UpdateInbox;
import java.io.IOException;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The load benchmark's run through the real bot (its own update loop, the journal, chat queues,
 * retries) against {@link FakeBotApi}, where people in many chats each ask, wait for the reply and ask
 * again. Telegram's send pacing is left out, as the stand-in does not enforce it: what is measured is
 * what the machine can answer, not what Telegram lets through.
 */
public final class BotUnderLoad {

    /** Chat ids of the people asking start here, far from any test's. */
    static final long FIRST_CHAT = 9_000_000L;
    /** High enough that no person is ever rate-limited: each asks as fast as replies come. */
    static final int QUESTIONS_PER_MINUTE = 1_000_000;
    /** Replies in flight when the asking stops still count if they come within this. */
    static final long GRACE_MILLIS = 2_000;

    /**
     * @param latencies each reply's, in milliseconds
     * @param seconds how long people were asking
     * @param unexpected replies that came to a chat with no question waiting
     */
    public record Result(double[] latencies, double seconds, int unexpected) {
    }

    private BotUnderLoad() {
    }

    /** {@code chats} people ask for {@code seconds}; {@code question} words each chat's next question. */
    public static Result run(Advisor advisor, UpdateInbox inbox, int chats, int seconds, LongFunction<String> question)
            throws IOException, InterruptedException {
        try (FakeBotApi telegram = new FakeBotApi()) {
            TelegramBot bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), advisor, Set.of(), inbox,
                    QUESTIONS_PER_MINUTE, Pacing.NONE);
            bot.start();
            // Not TelegramBotTest.poll: this runs outside JUnit, where a test class's imports do not resolve.
            Thread poller = new Thread(bot::run, "load-poller");
            poller.setDaemon(true);
            poller.start();
            long start = System.nanoTime();
            telegram.startAsking(FIRST_CHAT, chats, question);
            Thread.sleep(seconds * 1000L);
            telegram.stopAsking();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Thread.sleep(GRACE_MILLIS);
            bot.stop();
            return new Result(telegram.latencies(), elapsed, telegram.unexpected());
        }
    }
}
