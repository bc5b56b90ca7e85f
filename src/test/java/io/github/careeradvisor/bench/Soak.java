package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.storage.SqliteDatabase;
import io.github.careeradvisor.telegram.ChatsAtPace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.sqlite.SQLiteConfig;

/**
 * The long run: the packaged bot as its own process ({@code java -jar}) against the tests' Bot API
 * stand-in, people in {@value #CHATS} chats asking {@value #PER_SECOND} messages a second, the bot's
 * resident memory, database size and table rows sampled every {@value #SAMPLE_SECONDS} s, and every
 * message checked for exactly one reply. Writes its curve into BENCHMARKS.md under {@link SoakReport#HEADING}.
 */
public final class Soak {

    static final String RUN = "java -cp target/career-advisor.jar:target/test-classes io.github.careeradvisor.bench.Soak";
    static final String USAGE = "usage: " + RUN + " [--minutes N] [--out FILE]";
    static final double DEFAULT_MINUTES = 10;
    static final int CHATS = 30;
    static final int PER_SECOND = 5;
    static final int SAMPLE_SECONDS = 10;
    /** Chat ids of the people asking start here, far from any test's. */
    static final long FIRST_CHAT = 9_500_000L;
    /** Answered updates already in the journal when the soak starts, as a bot that has run a while leaves it. */
    static final int HISTORY = 10_000;
    static final long START_TIMEOUT_MILLIS = 180_000;
    static final long DRAIN_MILLIS = 30_000;
    private static final Pattern LOGGED_ERROR = Pattern.compile("\\b(WARN|ERROR)\\b|Exception");

    /** One sample: seconds since the asking began, and what was measured then. */
    record Sample(double seconds, long rssKb, Heap heap, long dbBytes, long journalRows, long dialogueRows, int asked,
            int answers, int errors) {
    }

    /** The bot's heap as {@code jstat -gc} reports it: what the JVM took from the system, and what the old generation holds. */
    record Heap(long committedKb, long oldUsedKb) {
        static final Heap UNKNOWN = new Heap(-1, -1);
    }

    private final Settings settings;
    private final PrintStream log;
    private final double minutes;

    Soak(Settings settings, PrintStream log, double minutes) {
        this.settings = settings;
        this.log = log;
        this.minutes = minutes;
    }

    /** {@code [--minutes N] [--out FILE]}: exits 0, 1 if a message got no reply or two, 2 on bad usage. */
    public static void main(String[] args) {
        double minutes = DEFAULT_MINUTES;
        String out = "BENCHMARKS.md";
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--minutes") && i + 1 < args.length) {
                    minutes = minutes(args[++i]);
                } else if (args[i].equals("--out") && i + 1 < args.length) {
                    out = args[++i];
                } else {
                    throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        try {
            SoakReport report = new Soak(Settings.fromEnvironment(System.getenv()), System.err, minutes).run();
            report.writeInto(Path.of(out));
            System.out.println(report.markdown());
            System.exit(report.exactlyOnce() ? 0 : 1);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("error: the soak failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static double minutes(String value) {
        try {
            double m = Double.parseDouble(value);
            if (m > 0 && m <= 24 * 60) {
                return m;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("--minutes '" + value + "' is not a number of minutes between 0 and 1440");
    }

    /** Runs the soak in a fresh data dir, deleted afterwards. */
    SoakReport run() throws Exception {
        Path work = Files.createTempDirectory("advisor-soak-");
        try {
            Path data = work.resolve("data");
            fillJournal(data);
            Scripts scripts = scripts();
            try (ChatsAtPace telegram = new ChatsAtPace(HISTORY + 1)) {
                Process bot = startBot(data, telegram, work.resolve("bot.log"));
                try {
                    if (!telegram.awaitBot(START_TIMEOUT_MILLIS)) {
                        throw new IllegalStateException("the bot did not start within " + START_TIMEOUT_MILLIS / 1000
                                + " s: " + Files.readString(work.resolve("bot.log")).strip());
                    }
                    String loadBefore = loadAverage();
                    List<Sample> samples = ask(telegram, bot, data, work.resolve("bot.log"), scripts.byChat());
                    return new SoakReport(LocalDate.now().toString(), minutes, scripts.conversations(),
                            settings.contextMinutes(), "load average " + loadBefore + " at the start, " + loadAverage()
                            + " at the end", samples, telegram.waiting(),
                            telegram.unexpected(), Stats.of(telegram.latencies()), stop(bot));
                } finally {
                    bot.destroyForcibly();
                }
            }
        } finally {
            Probe.deleteTree(work);
        }
    }

    /** {@value #HISTORY} answered updates, written through the bot's own journal, with the offset after them. */
    private void fillJournal(Path data) {
        log.println("soak: a journal of " + HISTORY + " answered updates");
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(IntStream.rangeClosed(1, HISTORY).mapToObj(id -> new UpdateInbox.Received(id, 1, 1, "{}"))
                    .toList(), HISTORY + 1);
            for (int id = 1; id <= HISTORY; id++) {
                inbox.answered(id);
            }
        }
    }

    /** Each chat's questions: the evaluation's conversations one after another, each chat starting elsewhere. */
    private record Scripts(int conversations, List<List<String>> byChat) {
    }

    private static Scripts scripts() throws IOException {
        List<String> turns = new ArrayList<>();
        int conversations = 0;
        ObjectMapper json = new ObjectMapper();
        for (String set : List.of("conversations", "conversations-holdout", "conversations-holdout2")) {
            try (InputStream in = Soak.class.getResourceAsStream("/eval/" + set + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("eval/" + set + ".json is not on the classpath (it is in src/test/resources)");
                }
                for (JsonNode conversation : json.readTree(in).path("conversations")) {
                    conversations++;
                    conversation.path("turns").forEach(turn -> turns.add(turn.path("say").asText()));
                }
            }
        }
        List<List<String>> scripts = new ArrayList<>();
        for (int chat = 0; chat < CHATS; chat++) {
            int from = chat * turns.size() / CHATS;
            List<String> script = new ArrayList<>(turns.subList(from, turns.size()));
            script.addAll(turns.subList(0, from));
            scripts.add(script);
        }
        return new Scripts(conversations, scripts);
    }

    private Process startBot(Path data, ChatsAtPace telegram, Path botLog) throws IOException {
        log.println("soak: starting the bot (java -jar " + Benchmark.jar() + ")");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Benchmark.jar().toString());
        builder.environment().put(Settings.TELEGRAM_TOKEN, ChatsAtPace.TOKEN);
        builder.environment().put(Settings.TELEGRAM_API_URL, telegram.url().toString());
        builder.environment().put(Settings.DATA_DIR, data.toAbsolutePath().toString());
        builder.environment().put(Settings.KNOWLEDGE_DIR, settings.knowledgeDir().toAbsolutePath().toString());
        builder.redirectErrorStream(true).redirectOutput(botLog.toFile());
        Process bot = builder.start();
        bot.getOutputStream().close();
        return bot;
    }

    /** People ask at the pace, in turn, each only once answered; sampled as they go, and once all is answered. */
    private List<Sample> ask(ChatsAtPace telegram, Process bot, Path data, Path botLog, List<List<String>> scripts)
            throws Exception {
        log.printf(Locale.ROOT, "soak: %d chats, %d messages a second, %.1f minutes%n", CHATS, PER_SECOND, minutes);
        int[] next = new int[CHATS];
        int asked = 0;
        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        long tickNanos = 1_000_000_000L / PER_SECOND;
        List<Sample> samples = new ArrayList<>();
        samples.add(sample(0, bot, data, botLog, asked, telegram));
        for (long tick = 0; start + tick * tickNanos < end; tick++) {
            sleepUntil(start + tick * tickNanos);
            int chat = (int) (tick % CHATS);
            List<String> script = scripts.get(chat);
            if (telegram.ask(FIRST_CHAT + chat, script.get(next[chat] % script.size()))) {
                next[chat]++;
                asked++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (seconds >= samples.get(samples.size() - 1).seconds() + SAMPLE_SECONDS) {
                samples.add(sample(seconds, bot, data, botLog, asked, telegram));
                log.println("soak: " + samples.get(samples.size() - 1));
            }
        }
        long drained = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        while (telegram.waiting() > 0 && System.nanoTime() < drained) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000); // a second reply to any question would come now
        samples.add(sample((System.nanoTime() - start) / 1e9, bot, data, botLog, asked, telegram));
        return samples;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static Sample sample(double seconds, Process bot, Path data, Path botLog, int asked, ChatsAtPace telegram)
            throws IOException, SQLException, InterruptedException {
        long dbBytes = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = data.resolve(SqliteDatabase.FILE + suffix);
            dbBytes += Files.exists(file) ? Files.size(file) : 0;
        }
        long[] rows = rows(data, "SELECT count(*) FROM inbox", "SELECT count(*) FROM dialogue");
        int errors = telegram.unexpected() + (int) Files.readAllLines(botLog, StandardCharsets.UTF_8).stream()
                .filter(l -> LOGGED_ERROR.matcher(l).find()).count();
        return new Sample(seconds, rssKb(bot.pid()), heap(bot.pid()), dbBytes, rows[0], rows[1], asked, telegram.latencies().length,
                errors);
    }

    /** The one-minute load average of the machine, from {@code /proc/loadavg}. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** The process's resident memory, from {@code /proc/PID/status}. */
    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    }

    /** {@code jstat -gc PID}: capacities and use of each space, in KB; unknown without the JDK's jstat. */
    private static Heap heap(long pid) throws IOException, InterruptedException {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (!Files.isExecutable(jstat)) {
            return Heap.UNKNOWN;
        }
        Process p = new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || lines.size() < 2) {
            return Heap.UNKNOWN;
        }
        List<String> names = List.of(lines.get(0).trim().split("\\s+"));
        List<String> values = List.of(lines.get(1).trim().split("\\s+"));
        ToDoubleFunction<String> kb = name -> Double.parseDouble(values.get(names.indexOf(name)));
        double committed = kb.applyAsDouble("S0C") + kb.applyAsDouble("S1C") + kb.applyAsDouble("EC")
                + kb.applyAsDouble("OC");
        return new Heap((long) committed, (long) kb.applyAsDouble("OU"));
    }

    /** Counts read from the bot's database file, opened read-only as an operator's sqlite3 would. */
    private static long[] rows(Path data, String... counts) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteDatabase.FILE),
                config.toProperties()); Statement s = c.createStatement()) {
            long[] out = new long[counts.length];
            for (int i = 0; i < counts.length; i++) {
                try (ResultSet rs = s.executeQuery(counts[i])) {
                    rs.next();
                    out[i] = rs.getLong(1);
                }
            }
            return out;
        }
    }

    /** Stops the bot as systemd would (SIGTERM); true if it exited within 20 s. */
    private static boolean stop(Process bot) throws InterruptedException {
        bot.destroy();
        return bot.waitFor(20, TimeUnit.SECONDS);
    }
}
