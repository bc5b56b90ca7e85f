package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.chart.ChartPainter;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.config.Webhook;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.replicas.PollingLeader;
import io.github.careeradvisor.replicas.Replicas;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The advisor on Telegram, wired: {@link UpdatePoller} fetches updates (or, in webhook mode,
 * {@link WebhookUpdates} takes those Telegram posts) and stores each in the inbox before Telegram is told
 * it arrived, and {@link UpdateDispatcher} answers them, chats in parallel and
 * each chat in order. The inbox journals every step, so a restart loses nothing and repeats nothing
 * it recorded.
 */
public final class TelegramBot {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);

    /**
     * Connections Telegram opens to the webhook at once: enough for a burst, few enough that storing (one
     * writer, SQLite) keeps up and the HTTP server's threads stay free for probes.
     */
    static final int MAX_CONNECTIONS = 8;
    /** Chats answered at the same time; answers are CPU-bound and short. */
    static final int WORKERS = 8;
    /** Messages waiting in one chat beyond which new ones are dropped: a flood delays only itself. */
    static final int MAX_PENDING_PER_CHAT = 30;

    static final List<BotCommand> MENU = List.of(
            new BotCommand("start", "Welcome and what I can help with"),
            new BotCommand("help", "How to ask me questions"),
            new BotCommand("next", "What to learn next"),
            new BotCommand("certs", "Which certification to take"),
            new BotCommand("salary", "ML engineer pay by level"),
            new BotCommand("progress", "Your learning path as a picture"),
            new BotCommand("profile", "Your level, goals and progress"),
            new BotCommand("remind", "A weekly reminder of your next step"),
            new BotCommand("new", "Start a new topic (I forget our thread)"),
            new BotCommand("forget", "Delete everything I know about you"));

    private final BotApi api;
    private final Advisor advisor;
    private final Set<Long> allowedUsers;
    private final UpdateInbox inbox;
    private final RateLimiter rateLimiter;
    private final Pacing pacing;
    private final Clock clock;
    private final BotEvents events;
    private volatile @Nullable Reminders reminders;
    /** One painter for the bot's life: a chart drawn once is not drawn again. */
    private final ChartPainter painter = new ChartPainter();
    /** Set by {@link #start()}, which learns the bot's own name: the dispatcher's responder needs it. */
    private volatile @Nullable UpdateDispatcher dispatcher;
    private volatile @Nullable UpdatePoller poller;
    private volatile boolean stopped;
    /** Webhook mode's settings and receiver; both null when the bot polls. */
    private final @Nullable Webhook webhook;
    private final @Nullable WebhookUpdates webhookUpdates;
    private final @Nullable Replicas replicas;
    /** The first calls already made by {@link #connect}; null when {@link #start()} makes them. */
    private final @Nullable Connection connection;
    /** What {@link #run()} waits on in webhook mode, where no polling loop holds it. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    /**
     * The bot as it runs against Telegram: Telegram's send limits, the configured questions a minute, and
     * what it does reported to {@code events}.
     */
    public static TelegramBot forTelegram(Connection connection, Advisor advisor, Set<Long> allowedUsers,
            UpdateInbox inbox, int questionsPerMinute, BotEvents events, @Nullable Webhook webhook, Replicas replicas) {
        return new TelegramBot(connection.api, connection, advisor, allowedUsers, inbox, questionsPerMinute,
                Pacing.TELEGRAM, Clock.systemUTC(), events, webhook, replicas);
    }

    /**
     * The bot's first calls to the Bot API, which need no advisor: made while the index is built (App
     * makes them beside it), they take nothing from the bot's start (README, "Performance").
     */
    public static final class Connection {
        private final BotApi api;
        private final User me;
        private final boolean polling;

        private Connection(BotApi api, User me, boolean polling) {
            this.api = api;
            this.me = me;
            this.polling = polling;
        }
    }

    /**
     * Checks the token with getMe and drops any webhook when the bot will poll (one left set would make every
     * getUpdates fail with 409). A webhook is set later, by {@link #start()}: Telegram would post to it
     * before the bot could take updates. The command menu is set once the bot takes updates ({@link #run}).
     *
     * @throws ConfigException when the Bot API rejects the token
     */
    public static Connection connect(String token, URI apiUrl, BotEvents events, boolean polling) {
        BotApi api = new BotApi(token, apiUrl, events);
        try {
            return firstCalls(api, polling);
        } catch (TelegramApiException e) {
            throw refused(api, e);
        }
    }

    private static Connection firstCalls(BotApi api, boolean polling) throws TelegramApiException {
        User me = api.getMe();
        if (polling) {
            api.deleteWebhook(); // a webhook left set would make every getUpdates fail with 409
        }
        return new Connection(api, me, polling);
    }

    TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers, UpdateInbox inbox,
            int questionsPerMinute, Pacing pacing) {
        this(token, apiUrl, advisor, allowedUsers, inbox, questionsPerMinute, pacing, Clock.systemUTC());
    }

    /** @param clock when reminders fall due */
    TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers, UpdateInbox inbox,
            int questionsPerMinute, Pacing pacing, Clock clock) {
        this(token, apiUrl, advisor, allowedUsers, inbox, questionsPerMinute, pacing, clock, BotEvents.NONE);
    }

    /** @param events what the bot does, for the operators' metrics */
    TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers, UpdateInbox inbox,
            int questionsPerMinute, Pacing pacing, Clock clock, BotEvents events) {
        this(token, apiUrl, advisor, allowedUsers, inbox, questionsPerMinute, pacing, clock, events, null);
    }

    /** @param webhook where Telegram posts updates; null to poll for them */
    TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers, UpdateInbox inbox,
            int questionsPerMinute, Pacing pacing, Clock clock, BotEvents events, @Nullable Webhook webhook) {
        this(token, apiUrl, advisor, allowedUsers, inbox, questionsPerMinute, pacing, clock, events, webhook, null);
    }

    /**
     * @param replicas what this process shares with other replicas of the bot (README, "Run at scale"):
     *     the polling lock, and with a shared inbox the claims, send timetable and question windows; null
     *     when it runs alone
     */
    TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers, UpdateInbox inbox,
            int questionsPerMinute, Pacing pacing, Clock clock, BotEvents events, @Nullable Webhook webhook,
            @Nullable Replicas replicas) {
        this(new BotApi(token, apiUrl, events), null, advisor, allowedUsers, inbox, questionsPerMinute, pacing, clock,
                events, webhook, replicas);
    }

    private TelegramBot(BotApi api, @Nullable Connection connection, Advisor advisor, Set<Long> allowedUsers,
            UpdateInbox inbox, int questionsPerMinute, Pacing pacing, Clock clock, BotEvents events,
            @Nullable Webhook webhook, @Nullable Replicas replicas) {
        if (connection != null && connection.polling != (webhook == null)) {
            throw new IllegalArgumentException("connected to " + (connection.polling ? "poll" : "take a webhook")
                    + ", started to " + (webhook == null ? "poll" : "take a webhook"));
        }
        this.connection = connection;
        this.replicas = replicas;
        this.webhook = webhook;
        this.webhookUpdates = webhook == null ? null : new WebhookUpdates(webhook.secret(), inbox, events);
        this.clock = clock;
        this.events = events;
        this.api = api;
        this.advisor = advisor;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.inbox = inbox;
        this.rateLimiter = new RateLimiter(questionsPerMinute, System::nanoTime,
                replicas == null ? null : replicas.questions().orElse(null));
        this.pacing = pacing;
    }

    /**
     * What the HTTP server hands the webhook's POSTs to, in webhook mode. It refuses them (503, Telegram
     * sends them again) until {@link #run()} has taken up what the last run left unanswered.
     */
    public Optional<WebhookReceiver> webhookReceiver() {
        return Optional.ofNullable(webhookUpdates);
    }

    /**
     * Checks the token with getMe, sets the webhook (in webhook mode) or drops any (polling), sets the
     * command menu and wires the two halves.
     */
    public void start() {
        try {
            // Made here unless App made them beside the index build.
            User me = (connection != null ? connection : firstCalls(api, webhook == null)).me;
            String username = me.getUserName() == null ? "" : me.getUserName();
            ChatQueues queues = new ChatQueues(WORKERS, MAX_PENDING_PER_CHAT);
            SendPacer pacer = new SendPacer(pacing, System::nanoTime,
                    replicas == null ? null : replicas.sendSlots().orElse(null));
            Responder responder = new Responder(api, pacer, queues, advisor, allowedUsers, rateLimiter, me.getId(),
                    username, events);
            Delivery delivery = new Delivery(api, inbox, pacer, queues, advisor.stats(), new Photos(api, painter),
                    events);
            reminders = Reminders.forBot(advisor, api, pacer, queues, clock, pacing);
            // Replicas on one inbox claim their share of it; a process alone is handed what it stores.
            ClaimLoop claims = inbox.shared() && replicas != null
                    ? new ClaimLoop(inbox, replicas.name(), WORKERS * 2) : null;
            UpdateDispatcher answering = new UpdateDispatcher(queues, responder, delivery, inbox, advisor.stats(),
                    claims);
            Webhook posted = webhook;
            if (posted != null) {
                api.setWebhook(posted.url().toString(), posted.secret(), MAX_CONNECTIONS);
            }
            dispatcher = answering;
            LOG.info("started as @{} (id {})", username, me.getId());
        } catch (TelegramApiException e) {
            throw refused(api, e);
        }
    }

    /** What a failed first call to the Bot API means, for the person starting the bot. */
    private static RuntimeException refused(BotApi api, TelegramApiException e) {
        if (e instanceof TelegramApiRequestException r) {
            if (r.getErrorCode() != null && (r.getErrorCode() == 401 || r.getErrorCode() == 404)) {
                return new ConfigException(Settings.TELEGRAM_TOKEN + " was rejected by the Bot API ("
                        + api.describe(r) + "); check the token from @BotFather");
            }
            return new IllegalStateException("the Bot API refused to start the bot: " + api.describe(r));
        }
        return new IllegalStateException("cannot reach the Bot API (check " + Settings.TELEGRAM_API_URL + "): "
                + api.describe(e));
    }

    /**
     * Answers what a crash left unanswered, then polls until {@link #stop()} (in webhook mode: takes the
     * updates Telegram posts, and returns only once stopped). Every update is stored
     * before Telegram is told it arrived (the next offset); its reply is stored before it is sent, and
     * each part recorded once Telegram took it. So a restart loses nothing, sends the rest of a reply
     * it had begun (the same words, not composed again), and sends again only a part that was on the
     * wire at the crash, which the Bot API gives no way to check.
     */
    public void run() {
        run(() -> { });
    }

    /** The same, running {@code whenTaking} once the last run's journal is taken up, as updates begin to be taken. */
    public void run(Runnable whenTaking) {
        UpdateDispatcher answering = dispatcher;
        if (answering == null) {
            throw new IllegalStateException("start() the bot before run(): it needs the bot's own name from getMe");
        }
        if (stopped) {
            return;
        }
        answering.resume(); // tried again while the database refuses writes: a stop may have come meanwhile
        if (stopped) {
            return;
        }
        // Begun with the first updates, not during start-up: there it held the first getUpdates back by about
        // as much as it saved the first answer (README, "Performance").
        beside("update-reader-warm-up", () -> {
            try {
                Updates.readOnce();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("the update reader's warm-up failed; the first update read pays for it", e);
            }
        });
        // The menu beside the first updates, not before them: one call less, a round trip to Telegram, on the
        // way to the first getUpdates (README, "Performance"). Telegram keeps a menu set by an earlier start,
        // and the commands work without it, so a failure is told, not fatal.
        beside("command-menu", () -> {
            try {
                api.setCommands(MENU);
            } catch (TelegramApiException e) {
                LOG.warn("the command menu could not be set ({}); the commands work without it, and the next start "
                        + "tries again", api.describe(e));
            }
        });
        whenTaking.run();
        Reminders nudging = reminders;
        if (nudging != null) {
            nudging.start();
        }
        WebhookUpdates posted = webhookUpdates;
        if (posted == null) {
            poll(answering);
            return;
        }
        posted.open(answering); // only now: an update taken before resume() would be queued twice
        try {
            stopping.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            posted.close();
        }
    }

    /** {@code work} on a daemon thread of its own named {@code name}, beside what the bot does meanwhile. */
    private static void beside(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Polls while this process holds the polling lock: with replicas on one database only one polls, and
     * another takes over within {@link PollingLeader#CHECK} of its death (README, "Run at scale"). Alone,
     * this process always holds it.
     */
    private void poll(UpdateDispatcher answering) {
        PollingLeader leader = replicas == null ? null : replicas.leader();
        if (leader == null) {
            UpdatePoller polling = new UpdatePoller(api, inbox, answering, events, () -> true);
            poller = polling;
            if (!stopped) {
                polling.run();
            }
            return;
        }
        while (!stopped && leader.awaitLeadership(() -> stopped)) {
            UpdatePoller polling = new UpdatePoller(api, inbox, answering, events, leader::leads);
            poller = polling;
            try {
                if (!stopped) {
                    polling.run();
                }
            } finally {
                leader.resign();
            }
        }
    }

    /** Stops polling (or taking the webhook's updates) and waits a few seconds for answers in flight. */
    public void stop() {
        stopped = true;
        WebhookUpdates posted = webhookUpdates;
        if (posted != null) {
            posted.close();
        }
        stopping.countDown();
        UpdatePoller polling = poller;
        UpdateDispatcher answering = dispatcher;
        if (polling != null) {
            polling.stop();
        }
        Reminders nudging = reminders;
        if (nudging != null) {
            nudging.stop();
        }
        if (answering != null) {
            answering.stop();
        }
        LOG.info("stopped");
    }
}
