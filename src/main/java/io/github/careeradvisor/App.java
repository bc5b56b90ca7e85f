package io.github.careeradvisor;

import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.advisor.IntentExamples;
import io.github.careeradvisor.advisor.OperatorReport;
import io.github.careeradvisor.advisor.Pictures;
import io.github.careeradvisor.chart.Chart;
import io.github.careeradvisor.chart.ChartPainter;
import io.github.careeradvisor.cli.CommandLine;
import io.github.careeradvisor.cli.Conversation;
import io.github.careeradvisor.cli.Invocation;
import io.github.careeradvisor.cli.ReportJson;
import io.github.careeradvisor.cli.UsageException;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.generation.GeneratedPhrasing;
import io.github.careeradvisor.generation.Phrasing;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeFiles;
import io.github.careeradvisor.knowledge.ParsedKnowledge;
import io.github.careeradvisor.knowledge.PayScale;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.monitoring.BotMetrics;
import io.github.careeradvisor.monitoring.HealthServer;
import io.github.careeradvisor.monitoring.StartUp;
import io.github.careeradvisor.profile.FeedbackStore;
import io.github.careeradvisor.profile.SqlProfileStore;
import io.github.careeradvisor.replicas.Replicas;
import io.github.careeradvisor.retrieval.Embedder;
import io.github.careeradvisor.retrieval.IndexBuilder;
import io.github.careeradvisor.retrieval.IndexReport;
import io.github.careeradvisor.storage.DataDir;
import io.github.careeradvisor.storage.Database;
import io.github.careeradvisor.storage.DatabaseUnavailableException;
import io.github.careeradvisor.storage.Databases;
import io.github.careeradvisor.storage.PostgresDatabase;
import io.github.careeradvisor.storage.SqliteDatabase;
import io.github.careeradvisor.storage.SqliteToPostgres;
import io.github.careeradvisor.telegram.BotEvents;
import io.github.careeradvisor.telegram.TelegramBot;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The one place that wires the application: reads the settings, builds every part with {@code new},
 * and runs the command the user asked for. Tests build the advisor through {@link #start} too.
 */
public final class App {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    /** Held here: java.util.logging keeps loggers weakly, and a level set on a collected one is lost. */
    private static final Logger LUCENE_VECTORIZATION = Logger.getLogger(
            "org.apache.lucene.internal.vectorization.VectorizationProvider");

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<Settings, Embedder> embedder;

    /** @param embedder makes the embedding model, which takes seconds to load: only when a command needs it */
    App(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Function<Settings, Embedder> embedder) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.embedder = embedder;
    }

    public static void main(String[] args) {
        // Charts are drawn in-process (README, "Charts"): AWT must never look for a display.
        System.setProperty("java.awt.headless", "true");
        quietLibraryLogs();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = new App(System.getenv(), new FileInputStream(FileDescriptor.in), out, err, s -> new Embedder(s.onnxThreads(), s.dataDir(), s.quantizedModel())).run(args);
        out.flush();
        System.exit(code);
    }

    /**
     * The advisor with its index built, what building it did, the bot's update journal, and the
     * database both the profiles and the journal live in, to close.
     */
    public record Started(Advisor advisor, IndexReport report, UpdateInbox inbox, Database database)
            implements AutoCloseable {

        @Override
        public void close() {
            database.close();
        }
    }

    /**
     * Loads the knowledge, builds the index (reusing cached vectors), opens the profile database and
     * builds the advisor. Problems that do not stop the program (a bad guide, a damaged cache) go to
     * {@code warnings}.
     */
    public static Started start(Settings settings, Embedder embedder, Consumer<String> warnings) {
        return start(settings, embedder, warnings, UnaryOperator.identity());
    }

    /**
     * The same, with the language model's part wrapped by {@code phrasing} (the benchmark times it this
     * way); {@code phrasing} is given {@link Phrasing#EXTRACTIVE} when no model is set.
     */
    public static Started start(Settings settings, Embedder embedder, Consumer<String> warnings,
            UnaryOperator<Phrasing> phrasing) {
        startLogging();
        // The model, most of a start, loads from now on beside everything else; a failed start waits for
        // it before the program may exit (see Embedder#loadInBackground).
        embedder.loadInBackground();
        // The guides and data files are read beside the database's opening.
        CompletableFuture<Guides> reading = beside("knowledge-load", () -> Guides.read(settings, warnings));
        Database database;
        try {
            // The database first: a data dir that cannot be used stops start-up before seconds of indexing.
            database = Databases.open(settings);
        } catch (RuntimeException e) {
            embedder.awaitLoad();
            // Nor does it leave while the guides are read: their snapshot may be half written.
            reading.handle((guides, failure) -> null).join();
            throw e;
        }
        SqlProfileStore profiles = new SqlProfileStore(database);
        Advisor advisor;
        IndexBuilder.Built built;
        try {
            // The two data files are read before the index: a broken one stops start-up before seconds of embedding.
            Guides guides = join(reading);
            KnowledgeFiles files = guides.files();
            KnowledgeBase knowledge = files.knowledge();
            knowledge.problems().forEach(p -> warnings.accept("warning: guide left out: " + p));
            built = new IndexBuilder(embedder, settings.dataDir(), warnings).build(knowledge,
                    phrases(guides.examples(), files.roadmap()));
            Advisor.Knowledge parts = new Advisor.Knowledge(built.retriever(), files.roadmap(), files.certifications(),
                    guides.examples(), knowledge.sourceNames(), files.pay());
            // Unset, no model is built and nothing connects anywhere (README, "Use a language model").
            Phrasing model = settings.languageModelIfSet().<Phrasing>map(m -> new GeneratedPhrasing(m, warnings))
                    .orElse(Phrasing.EXTRACTIVE);
            advisor = new Advisor(parts, profiles, profiles.dialogue(), profiles.feedback(), profiles.reminders(),
                    Clock.systemUTC(),
                    Duration.ofMinutes(settings.contextMinutes()), settings.adminIds(), phrasing.apply(model));
        } catch (RuntimeException e) {
            try {
                database.close();
            } finally {
                embedder.awaitLoad();
            }
            throw e;
        }
        return new Started(advisor, built.report(), new SqlInbox(database), database);
    }

    /**
     * What start-up reads from the knowledge dir (parsed at an earlier start if nothing changed since:
     * {@link ParsedKnowledge}), and the router's examples from the jar.
     */
    private record Guides(KnowledgeFiles files, IntentExamples examples) {

        static Guides read(Settings settings, Consumer<String> warnings) {
            return new Guides(ParsedKnowledge.load(settings.knowledgeDir(), settings.dataDir(), warnings),
                    IntentExamples.load());
        }
    }

    /**
     * Starts SLF4J before any thread of start-up logs: started by two threads at once it replays one's lines
     * afterwards, with a three-line notice of its own on stderr.
     */
    private static void startLogging() {
        LoggerFactory.getILoggerFactory();
    }

    /** {@code work} on a daemon thread of its own named {@code name}, beside what the caller does meanwhile. */
    private static <T> CompletableFuture<T> beside(String name, java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** What {@code work} gave, or the exception it threw, as thrown. */
    private static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * What the index build embeds besides the guides, through the same cache: the router's examples, the
     * handlers' fixed questions and the warm-up (without a roadmap, its topics' questions are left out).
     */
    private static List<String> phrases(IntentExamples examples, @Nullable Roadmap roadmap) {
        List<String> phrases = new java.util.ArrayList<>(examples.all());
        phrases.addAll(roadmap == null ? Advisor.WARM_UP : Advisor.fixedPhrases(roadmap));
        return phrases;
    }

    int run(String[] args) {
        Invocation invocation;
        try {
            invocation = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(e.usage());
            return EXIT_USAGE;
        }
        if (invocation.helpText().isPresent()) {
            out.print(invocation.helpText().get());
            return EXIT_OK;
        }
        try {
            Settings settings = Settings.fromEnvironment(env);
            Invocation.Command command = invocation.command();
            if (command == null) {
                command = settings.telegramTokenIfSet().isPresent() ? Invocation.Command.BOT : Invocation.Command.CHAT;
            }
            // Every command keeps its state in the data dir: one that cannot be used stops it before the model loads.
            // The copy to PostgreSQL only reads it, and a missing one is its own error.
            if (command != Invocation.Command.MIGRATE) {
                DataDir.prepare(settings.dataDir());
            }
            return switch (command) {
                case INDEX -> index(settings);
                case REPORT -> report(settings, invocation);
                case ASK -> ask(settings, invocation);
                case CHAT -> chat(settings, invocation);
                case BOT -> bot(settings);
                case CHART -> chart(settings, java.util.Objects.requireNonNull(invocation.drawing()), user(invocation));
                case MIGRATE -> migrate(settings, invocation.replace());
            };
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (DatabaseUnavailableException e) {
            err.println("error: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return EXIT_FAILURE;
        } catch (RuntimeException e) {
            err.println("error: " + what(e));
            return EXIT_FAILURE;
        }
    }

    /**
     * A failure as a person reads it: this program's own say what failed and what to check in their
     * message; one without a message was not expected, and is named for a report.
     */
    static String what(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? "an unexpected " + e.getClass().getSimpleName() + "; please report it, with the command that was run"
                : message;
    }

    /**
     * The guides a bad file leaves out are named in the report; a broken roadmap or certification file
     * stops it, as it would stop the bot (the index itself needs neither, so a missing one is no error).
     */
    private int index(Settings settings) {
        Embedder model = embedder.apply(settings);
        startLogging();
        // As at every start, the model loads beside the parse (on an empty data dir it is copied out of the
        // jar and saved as ONNX Runtime optimises it first); a parse that fails still waits for it.
        model.loadInBackground();
        IndexReport report;
        try {
            KnowledgeBase knowledge = KnowledgeFiles.guides(settings.knowledgeDir());
            Path dir = settings.knowledgeDir();
            Roadmap roadmap = Files.exists(dir.resolve(Roadmap.FILE)) ? Roadmap.load(dir) : null;
            if (Files.exists(dir.resolve(CertificationCatalog.FILE))) {
                CertificationCatalog.load(dir);
            }
            report = new IndexBuilder(model, settings.dataDir(), err::println)
                    .build(knowledge, phrases(IntentExamples.load(), roadmap)).report();
        } finally {
            model.awaitLoad();
        }
        out.println(report.summary());
        report.problems().forEach(p -> out.println("not indexed: " + p));
        return report.problems().isEmpty() ? EXIT_OK : EXIT_FAILURE;
    }

    /** Reads the database only: no model, no index. */
    private int report(Settings settings, Invocation invocation) {
        try (SqlProfileStore store = new SqlProfileStore(Databases.open(settings))) {
            FeedbackStore.Report report = store.feedback().report(
                    java.time.Instant.now().minus(Duration.ofDays(invocation.days())), OperatorReport.TOP);
            out.println(invocation.json() ? ReportJson.of(report, invocation.days())
                    : OperatorReport.text(report, invocation.days()));
        }
        return EXIT_OK;
    }

    /**
     * Copies the data dir's SQLite database into PostgreSQL (README, "Moving from SQLite to PostgreSQL"):
     * no model, no index. It holds the bot's lock on the data dir, so no bot writes the file meanwhile.
     */
    private int migrate(Settings settings, boolean replace) {
        SharedDatabase target = settings.databaseIfSet().orElseThrow(() -> new ConfigException(
                "migrate-sqlite-to-postgres needs " + Settings.DATABASE_URL + ", the PostgreSQL database to copy into "
                        + "(e.g. jdbc:postgresql://db:5432/advisor)"));
        try (SqliteDatabase from = SqliteDatabase.openExisting(settings.dataDir());
                DataDir.Lock lock = DataDir.lockForBot(settings.dataDir());
                PostgresDatabase to = PostgresDatabase.open(target)) {
            out.print(new SqliteToPostgres(from, to).copy(replace).summary());
        }
        return EXIT_OK;
    }

    private int ask(Settings settings, Invocation invocation) {
        try (Started started = start(settings, embedder.apply(settings), err::println)) {
            // With --user the thread is that person's across processes; without, it lasts this run.
            long chat = invocation.userId().isPresent() ? Advisor.DIRECT_CHAT : Advisor.sessionChat();
            Conversation conversation = new Conversation(started.advisor(), user(invocation), chat, out);
            if (invocation.words().isEmpty()) {
                conversation.askEachLine(reader(), invocation.json());
            } else {
                conversation.askOnce(invocation.words(), invocation.json());
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("reading questions from standard input", e);
        }
        return EXIT_OK;
    }

    private int chat(Settings settings, Invocation invocation) {
        // First runs are slower: paid while the person types, not by `ask`'s one question.
        try (Started started = start(settings, embedder.apply(settings), err::println);
                WarmUp warming = new WarmUp(started.advisor(), err::println)) {
            new Conversation(started.advisor(), user(invocation), Advisor.sessionChat(), out).chat(reader());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("reading from the terminal", e);
        }
        return EXIT_OK;
    }

    /**
     * Draws the chart the bot would send and writes it to the file named: no embedding model, no network.
     * A file that cannot be written is bad usage (exit 2), named with its option.
     */
    private int chart(Settings settings, Invocation.Drawing drawing, long user) {
        Path file = drawing.out().toAbsolutePath();
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            err.println("error: --out '" + drawing.out() + "' cannot be written: the folder '" + folder
                    + "' does not exist");
            return EXIT_USAGE;
        }
        Chart chart;
        if (drawing.picture() == Invocation.Picture.SALARY) {
            PayScale scale = PayScale.load(settings.knowledgeDir());
            chart = Pictures.pay(scale, drawing.level()).orElseThrow(() -> new ConfigException("knowledge dir '"
                    + settings.knowledgeDir() + "' gives no ML engineer pay by level in " + PayScale.FILE + " (set "
                    + Settings.KNOWLEDGE_DIR + ")"));
        } else {
            Roadmap roadmap = Roadmap.load(settings.knowledgeDir());
            try (Database database = Databases.open(settings)) {
                chart = Pictures.progress(roadmap, new SqlProfileStore(database).load(user));
            }
        }
        byte[] png = new ChartPainter().png(chart);
        try {
            Files.write(file, png);
        } catch (java.io.IOException e) {
            err.println("error: --out '" + drawing.out() + "' cannot be written: " + e.getMessage());
            return EXIT_USAGE;
        }
        out.println("wrote " + drawing.out() + " (" + ChartPainter.WIDTH + "x" + chart.height() + " PNG, "
                + png.length / 1024 + " KB): " + chart.caption());
        return EXIT_OK;
    }

    private static long user(Invocation invocation) {
        return invocation.userId().orElse(Advisor.LOCAL_USER);
    }

    private int bot(Settings settings) {
        String token = settings.requireTelegramToken();
        // Two bots polling with one data dir would both answer: the second stops here (README, "One bot per data dir").
        try (DataDir.Lock lock = DataDir.lockForBot(settings.dataDir())) {
            startLogging();
            // The Bot API's first calls, the model's load and the HTTP server's start go beside the index build:
            // none of them needs the advisor. The first calls (the HTTP client, its TLS set-up, the JSON mapping
            // of the library's types, then getMe and deleteWebhook) are the longest path to the first getUpdates:
            // begun first, they count their calls in the metrics once these are made (README, "Performance").
            CompletableFuture<BotMetrics> counting = new CompletableFuture<>();
            CompletableFuture<TelegramBot.Connection> connecting = beside("telegram-connect",
                    () -> TelegramBot.connect(token, settings.telegramApiUrl(), new BotEvents() {
                        @Override
                        public void botApiCall(String method, int status) {
                            counting.join().botApiCall(method, status);
                        }
                    }, settings.webhookIfSet().isEmpty()));
            Embedder model = null;
            BotMetrics metrics;
            try {
                model = embedder.apply(settings);
                model.loadInBackground();
                metrics = new BotMetrics(Clock.systemUTC());
            } catch (RuntimeException | Error e) {
                counting.completeExceptionally(e); // the connecting thread's next call fails with it, not waits for ever
                if (model != null) {
                    model.awaitLoad(); // ONNX Runtime crashes the JVM if it exits while a session is being made
                }
                throw e;
            }
            counting.complete(metrics);
            StartUp startUp = new StartUp();
            // Up while the index is built, so /healthz answers while it loads (README, "Health and metrics").
            CompletableFuture<Optional<HealthServer>> serving = beside("http-start",
                    () -> settings.httpPortIfOn().isPresent()
                            ? Optional.of(HealthServer.start(settings.httpPortIfOn().getAsInt(), startUp, metrics))
                            : Optional.empty());
            try {
                Started started = start(settings, model, err::println);
                Optional<HealthServer> http;
                TelegramBot.Connection connection;
                try {
                    http = join(serving); // a port that cannot be used stops the start here
                    connection = join(connecting);
                } catch (RuntimeException e) {
                    started.close();
                    throw e;
                }
                metrics.watch(started.inbox(), started.database().time(), started.advisor().stats());
                TelegramBot bot = TelegramBot.forTelegram(connection, started.advisor(),
                        settings.allowedUsers(), started.inbox(), settings.questionsPerMinute(), metrics,
                        settings.webhookIfSet().orElse(null), Replicas.on(started.database()));
                // Webhook mode: Telegram's POSTs come in on the same port (Settings refuses it off).
                http.ifPresent(server -> settings.webhookIfSet().ifPresent(hook -> bot.webhookReceiver()
                        .ifPresent(receiver -> server.receiveUpdates(hook.path(), receiver))));
                bot.start();
                startUp.done(started.database()::problem);
                // The first runs of the model and the code are slower: paid beside the first updates, begun
                // as the bot starts taking them, so that the warm-up does not hold its first getUpdates back.
                WarmUp warming = WarmUp.later(started.advisor(), err::println);
                // SIGTERM (docker stop, systemd) runs this: finish the answers being written, then exit.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    bot.stop();
                    warming.close();
                    started.close();
                }, "shutdown"));
                bot.run(warming::begin);
            } catch (RuntimeException | Error e) {
                model.awaitLoad(); // ONNX Runtime crashes the JVM if it exits while a session is being made
                throw e;
            } finally {
                // Started or not, once its thread is done: a failed start leaves no port open behind it.
                serving.handle((server, failure) -> failure == null ? server : Optional.<HealthServer>empty()).join()
                        .ifPresent(HealthServer::close);
            }
        }
        return EXIT_OK;
    }

    private BufferedReader reader() {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Libraries log at INFO on start; a terminal user needs only their warnings. */
    private static void quietLibraryLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.log.io.github.careeradvisor", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        // The pool warns with a stack trace for every connection a restarting PostgreSQL broke; the bot's own
        // line says the database does not answer, and that it waits (README, "Run at scale").
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari",
                System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "error"));
        // Lucene 9 warns on Java 23 and later (the container's Java, README "Performance") that it does not use
        // the Vector API there: it runs its portable code, as on Java 17, and there is nothing to do about it.
        LUCENE_VECTORIZATION.setLevel(Level.SEVERE);
    }
}
