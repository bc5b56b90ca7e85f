package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.Advisor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Sends the weekly reminders as they fall due (README, "Weekly reminders"). Once a second it takes what is
 * due, no more than the overall send budget has for a second less a margin kept for answers, and books
 * each in its chat's turn with the pacer answers use, so a crowd of reminders due at one minute drains
 * at Telegram's pace and an answer waits a second at most behind them. A reminder is moved on a week when
 * it is taken, before it goes: a restart never sends one twice, and a crash loses at most those in flight.
 * A 403 (the person blocked the bot) stops that person's reminder for good.
 */
final class Reminders {

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);

    static final long TICK_MILLIS = 1_000;
    /** Sends a second left to answers when reminders are due in a crowd. */
    static final int ANSWER_MARGIN = 2;
    /** Reminders taken a tick when the pacing has no overall budget (tests). */
    static final int UNPACED_BATCH = 500;

    /** Where the due reminders come from: the advisor, in the bot. */
    interface Source {
        List<Advisor.Reminder> due(Instant now, int limit);
    }

    /** Sends one reminder after {@code waitNanos}, its turn in the pacer. */
    interface Sender {
        void send(Advisor.Reminder reminder, long waitNanos);
    }

    private final Source source;
    private final SendPacer pacer;
    private final Sender sender;
    private final Clock clock;
    private final int perTick;
    private @Nullable ScheduledExecutorService ticker;
    private boolean stopped;

    Reminders(Source source, SendPacer pacer, Sender sender, Clock clock, Pacing pacing) {
        this.source = source;
        this.pacer = pacer;
        this.sender = sender;
        this.clock = clock;
        this.perTick = pacing.perSecond() == Integer.MAX_VALUE ? UNPACED_BATCH
                : Math.max(1, pacing.perSecond() - ANSWER_MARGIN);
    }

    /** Reminders as the bot sends them: as HTML messages with their buttons, in the chat's turn. */
    static Reminders forBot(Advisor advisor, BotApi api, SendPacer pacer, ChatQueues queues, Clock clock, Pacing pacing) {
        return new Reminders(advisor::dueReminders, pacer, (reminder, wait) -> CompletableFuture.runAsync(
                () -> send(advisor, api, queues, reminder, 1), queues.after(wait)), clock, pacing);
    }

    /**
     * Sends one reminder, trying a 429, 5xx or lost connection again after a pause that holds no thread, as
     * answers are; a 403 stops the person's reminder.
     */
    private static void send(Advisor advisor, BotApi api, ChatQueues queues, Advisor.Reminder reminder, int attempt) {
        List<String> parts = TelegramHtml.render(reminder.answer());
        try {
            api.sendOnce(reminder.chatId(), parts.get(0), false, Responder.buttons(reminder.answer()), null);
        } catch (TelegramApiException e) {
            if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() == 403) {
                LOG.info("chat {} does not accept messages from the bot (403); its reminder stops", reminder.chatId());
                advisor.stopReminders(reminder.userId());
                return;
            }
            long pause = BotApi.retryPauseMillis(e, attempt);
            if (pause < 0) {
                LOG.warn("a reminder to chat {} could not be sent: {}", reminder.chatId(), api.describe(e));
                return;
            }
            CompletableFuture.runAsync(() -> send(advisor, api, queues, reminder, attempt + 1),
                    queues.after(pause * 1_000_000));
        }
    }

    /**
     * Takes what is due now and books each send, spread evenly over the second (a burst at the start of
     * it would come to Telegram as one clump, and clumps of two seconds can meet); returns how many were taken.
     */
    int tick() {
        List<Advisor.Reminder> due = source.due(clock.instant(), perTick);
        long spread = perTick == UNPACED_BATCH ? 0 : TimeUnit.SECONDS.toNanos(1) / perTick;
        for (int i = 0; i < due.size(); i++) {
            Advisor.Reminder reminder = due.get(i);
            sender.send(reminder, pacer.reserve(reminder.chatId(), reminder.chatId() < 0) + i * spread);
        }
        return due.size();
    }

    /** Starts the ticks, unless {@link #stop()} came first (a bot stopped while it was starting). */
    synchronized void start() {
        if (stopped || ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reminders");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // The database may be briefly unwritable (a full disk): the next tick tries again.
                LOG.error("taking the reminders due failed: {}", e.toString());
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the ticks for good: a later {@link #start()} does nothing. */
    synchronized void stop() {
        stopped = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
