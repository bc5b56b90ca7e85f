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
        return new Reminders(advisor::dueReminders, pacer, sender(advisor, api, pacer, queues), clock, pacing);
    }

    /**
     * Sends each reminder in as many messages as its answer needs (Telegram takes at most 4,096 characters
     * in one), the buttons under the last; each message after the first waits its turn at the chat's pace.
     */
    static Sender sender(Advisor advisor, BotApi api, SendPacer pacer, ChatQueues queues) {
        return (reminder, wait) -> {
            List<String> parts = TelegramHtml.render(reminder.answer());
            CompletableFuture.runAsync(() -> send(advisor, api, pacer, queues, reminder, parts, 0, 1), queues.after(wait));
        };
    }

    /**
     * Sends part {@code part} of a reminder, trying a 429, 5xx or lost connection again after a pause that
     * holds no thread, as answers are, then books the next part; a 403 stops the person's reminder.
     */
    private static void send(Advisor advisor, BotApi api, SendPacer pacer, ChatQueues queues, Advisor.Reminder reminder,
            List<String> parts, int part, int attempt) {
        boolean last = part == parts.size() - 1;
        try {
            api.sendOnce(reminder.chatId(), parts.get(part), false, last ? Responder.buttons(reminder.answer()) : null, null);
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
            CompletableFuture.runAsync(() -> send(advisor, api, pacer, queues, reminder, parts, part, attempt + 1),
                    queues.after(pause * 1_000_000));
            return;
        }
        if (!last) {
            long wait = pacer.reserve(reminder.chatId(), reminder.chatId() < 0);
            CompletableFuture.runAsync(() -> send(advisor, api, pacer, queues, reminder, parts, part + 1, 1),
                    queues.after(wait));
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
