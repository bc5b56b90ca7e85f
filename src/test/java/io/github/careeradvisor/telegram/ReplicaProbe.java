package io.github.careeradvisor.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.App;
import io.github.careeradvisor.bench.EvalSet;
import io.github.careeradvisor.bench.Sections;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.retrieval.Embedder;
import io.github.careeradvisor.storage.DatabaseTime;
import io.github.careeradvisor.storage.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * How many replicas one PostgreSQL carries (README, "Run at scale"): 1 replica on SQLite, 1 on PostgreSQL
 * and 3 on one PostgreSQL, taking turns in one run, each in webhook mode against the stand-in Bot
 * API, with the same workload. Two measurements each: capacity, with Telegram's send limits lifted, many
 * people each asking a new question as soon as the last reply came; and latency under Telegram's limits at
 * a steady pace below them, from the webhook POST leaving to the stand-in receiving the sendMessage.
 * Writes the section "Replicas on PostgreSQL" of BENCHMARKS.md ({@link ReplicaReport}).
 *
 * <p>The replicas run in this JVM, each on its own advisor, database connection pool and HTTP port,
 * sharing one embedding model; the PostgreSQL is the tests' embedded one, so the test classpath is needed:
 *
 * <pre>{@code
 * mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp target/career-advisor.jar:target/test-classes:$(cat target/test.classpath) \
 *     io.github.careeradvisor.telegram.ReplicaProbe [FILE]
 * }</pre>
 */
public final class ReplicaProbe {

    /** Each configuration is measured this many times, in turn with the others. */
    static final int ROUNDS = 2;
    static final int CHATS = 100;
    static final int CAPACITY_WARM_UP_SECONDS = 10;
    static final int CAPACITY_SECONDS = 30;
    /** Updates a second offered in the latency run: well below Telegram's 25 messages a second in all. */
    static final int LATENCY_RATE = 10;
    static final int LATENCY_SECONDS = 30;
    /** The first latency questions, the replicas' first sends through a new bot, are not counted. */
    static final int LATENCY_WARM_UP_QUESTIONS = 20;
    static final long CAPACITY_FIRST_CHAT = 9_000_000L;
    static final long LATENCY_FIRST_CHAT = 9_100_000L;
    /** Above any the capacity run's stand-in numbers: one inbox keeps each update_id once. */
    static final long LATENCY_FIRST_UPDATE = 100_000_000L;
    private static final long DRAIN_MILLIS = 60_000;
    /** The kinds of PostgreSQL work the report names. */
    private static final int ACTIVITY_SHOWN = 5;
    /** A duplicate sent late would show within this after the last answer. */
    private static final long LATE_DUPLICATE_MILLIS = 2_000;

    /** One phase's errors: refused POSTs, updates no replica took, failed Bot API calls, failed answers. */
    record Errors(int refusedPosts, int undelivered, long botApiErrors, long advisorErrors) {
    }

    /**
     * @param answers in the measured seconds
     * @param latencies theirs, in ms, from the stand-in queueing the question to its receiving the reply
     * @param lost questions never answered; {@code duplicates} replies to no waiting question
     * @param databaseCalls and {@code databaseMillis}: over all replicas in the measured seconds
     * @param databaseActivity what PostgreSQL's sessions were doing then ({@link PostgresActivity}); empty on SQLite
     */
    record Capacity(int answers, double seconds, double[] latencies, int lost, int duplicates, Errors errors,
            long databaseCalls, double databaseMillis, String databaseActivity) {

        double perSecond() {
            return answers / seconds;
        }
    }

    /**
     * @param latencies in ms, from the POST leaving to the stand-in receiving the first sendMessage
     * @param skipped questions not asked, their chat still waiting for the last reply
     * @param extraParts further messages of a reply (different text); {@code duplicates} the same text again
     */
    record Latency(int asked, double[] latencies, int lost, int duplicates, int extraParts, int skipped,
            Errors errors) {
    }

    record Measured(String name, int round, int replicas, double startSeconds, Capacity capacity, Latency latency) {
    }

    private final Embedder embedder;
    private final List<String> questions;
    private final Path data;

    private ReplicaProbe(Embedder embedder, List<String> questions, Path data) {
        this.embedder = embedder;
        this.questions = List.copyOf(questions);
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        String loadAtStart = ReplicaReport.loadAverage();
        // Every replica's data dir is this one: the embedding cache, read at start, and the SQLite
        // configuration's database, which the PostgreSQL ones do not open.
        Path data = Path.of("target", "replica-probe");
        Files.createDirectories(data);
        ReplicaProbe probe = new ReplicaProbe(new Embedder(Settings.DEFAULT_ONNX_THREADS), EvalSet.load().all(), data);
        List<Measured> results = new ArrayList<>();
        // The configurations take turns, round after round: a change in the machine's load falls on all of them.
        for (int round = 1; round <= ROUNDS; round++) {
            results.add(probe.measure("1 replica, SQLite", round, 1, null));
            results.add(probe.measure("1 replica, PostgreSQL", round, 1, TestPostgres.freshDatabase()));
            results.add(probe.measure("3 replicas, one PostgreSQL", round, 3, TestPostgres.freshDatabase()));
        }
        String section = ReplicaReport.section(results, probe.questions.size(), loadAtStart, ReplicaReport.loadAverage());
        System.out.print(section);
        String old = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        Files.writeString(out, Sections.replace(old, ReplicaReport.HEADING, section), StandardCharsets.UTF_8);
        System.exit(0); // the embedded PostgreSQL stops in its shutdown hook
    }

    /** @param postgres the database the replicas share, new and empty; null for SQLite in the data dir, emptied */
    private Measured measure(String name, int round, int replicas, @Nullable SharedDatabase postgres)
            throws Exception {
        System.out.printf("%s, round %d: starting%n", name, round);
        Map<String, String> env = new HashMap<>();
        if (postgres == null) {
            for (String file : List.of("advisor.db", "advisor.db-wal", "advisor.db-shm")) {
                Files.deleteIfExists(data.resolve(file));
            }
        } else {
            env.put(Settings.DATABASE_URL, postgres.url());
            env.put(Settings.DATABASE_USER, java.util.Objects.requireNonNull(postgres.user()));
        }
        env.put(Settings.KNOWLEDGE_DIR, "knowledge");
        env.put(Settings.DATA_DIR, data.toString());
        Settings settings = Settings.fromEnvironment(env);
        List<App.Started> started = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int n = 0; n < replicas; n++) {
                started.add(App.start(settings, embedder, warning -> { }));
            }
            double startSeconds = (System.nanoTime() - start) / 1e9 / replicas;
            Capacity capacity = capacity(started, postgres);
            System.out.printf("%s: %.1f answers/s%n", name, capacity.perSecond());
            Latency latency = latency(started);
            return new Measured(name, round, replicas, startSeconds, capacity, latency);
        } finally {
            started.forEach(App.Started::close);
        }
    }

    /** People in {@link #CHATS} chats each ask, wait for the reply and ask again, with no send limits. */
    private Capacity capacity(List<App.Started> started, @Nullable SharedDatabase postgres) throws Exception {
        long errorsBefore = advisorErrors(started);
        try (FakeBotApi telegram = new FakeBotApi();
                ReplicaBots bots = ReplicaBots.start(started, telegram.url(), Pacing.NONE);
                WebhookPoster poster = new WebhookPoster(bots.ports())) {
            poster.forwardFrom(telegram.url());
            int[] next = {0}; // called under the stand-in's lock, one question at a time
            telegram.startAsking(CAPACITY_FIRST_CHAT, CHATS, chat -> questions.get(next[0]++ % questions.size()));
            Thread.sleep(CAPACITY_WARM_UP_SECONDS * 1000L);
            int answeredBefore = telegram.latencies().length;
            long[] databaseBefore = databaseTime(started);
            PostgresActivity activity = postgres == null ? null : PostgresActivity.watch(postgres);
            long from = System.nanoTime();
            Thread.sleep(CAPACITY_SECONDS * 1000L);
            double[] all = telegram.latencies();
            double seconds = (System.nanoTime() - from) / 1e9;
            long[] databaseAfter = databaseTime(started);
            if (activity != null) {
                activity.close();
            }
            telegram.stopAsking();
            long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
            while (telegram.waiting() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(LATE_DUPLICATE_MILLIS);
            double[] measured = Arrays.copyOfRange(all, answeredBefore, all.length);
            Errors errors = new Errors(poster.refused(), poster.undelivered(), bots.botApiErrors(),
                    advisorErrors(started) - errorsBefore);
            return new Capacity(measured.length, seconds, measured, telegram.waiting(), telegram.unexpected(), errors,
                    databaseAfter[0] - databaseBefore[0], (databaseAfter[1] - databaseBefore[1]) / 1e6,
                    activity == null ? "" : activity.summary(ACTIVITY_SHOWN));
        }
    }

    /**
     * {@link #LATENCY_RATE} questions a second, each chat's turn every {@code CHATS / LATENCY_RATE} seconds,
     * under Telegram's send limits. A chat whose last question is unanswered at its turn skips it.
     */
    private Latency latency(List<App.Started> started) throws Exception {
        long errorsBefore = advisorErrors(started);
        try (FakeBotApi telegram = new FakeBotApi();
                ReplicaBots bots = ReplicaBots.start(started, telegram.url(), Pacing.TELEGRAM);
                WebhookPoster poster = new WebhookPoster(bots.ports())) {
            Map<Long, List<Long>> postedAt = new ConcurrentHashMap<>();
            Map<Long, Integer> asked = new HashMap<>();
            int total = LATENCY_RATE * LATENCY_SECONDS + LATENCY_WARM_UP_QUESTIONS;
            int skipped = 0;
            long start = System.nanoTime();
            long periodNanos = 1_000_000_000L / LATENCY_RATE;
            for (int k = 0; k < total; k++) {
                long due = start + k * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long chat = LATENCY_FIRST_CHAT + k % CHATS;
                int before = asked.getOrDefault(chat, 0);
                if (telegram.sent(chat).size() < before) {
                    skipped++;
                    continue;
                }
                asked.put(chat, before + 1);
                List<Long> times = postedAt.computeIfAbsent(chat, c -> new CopyOnWriteArrayList<>());
                times.add(0L); // its place, filled when the POST leaves
                int index = times.size() - 1;
                poster.post(poster.message(LATENCY_FIRST_UPDATE + k, chat, questions.get(k % questions.size())),
                        sending -> times.set(index, sending));
            }
            int questionsAsked = asked.values().stream().mapToInt(Integer::intValue).sum();
            long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
            while (answered(telegram, asked) < questionsAsked && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(LATE_DUPLICATE_MILLIS);
            Errors errors = new Errors(poster.refused(), poster.undelivered(), bots.botApiErrors(),
                    advisorErrors(started) - errorsBefore);
            return pair(telegram, postedAt, questionsAsked, skipped, errors);
        }
    }

    /** Chats' questions that have a reply (at least as many messages as questions, counted per chat). */
    private static int answered(FakeBotApi telegram, Map<Long, Integer> asked) {
        int answered = 0;
        for (Map.Entry<Long, Integer> chat : asked.entrySet()) {
            answered += Math.min(chat.getValue(), telegram.sent(chat.getKey()).size());
        }
        return answered;
    }

    /**
     * Each question's reply is the first message its chat got after its POST left and before the next
     * question's: the time between is its latency. A later message there with a text already sent is a
     * duplicate, one with a new text a further part of the reply.
     */
    private static Latency pair(FakeBotApi telegram, Map<Long, List<Long>> postedAt, int asked, int skipped,
            Errors errors) {
        List<Double> latencies = new ArrayList<>();
        int lost = 0;
        int duplicates = 0;
        int extraParts = 0;
        long firstCounted = Long.MAX_VALUE; // the warm-up questions went out before this
        for (List<Long> times : postedAt.values()) {
            for (long t : times) {
                firstCounted = Math.min(firstCounted, t);
            }
        }
        firstCounted += LATENCY_WARM_UP_QUESTIONS * (1_000_000_000L / LATENCY_RATE);
        for (Map.Entry<Long, List<Long>> chat : postedAt.entrySet()) {
            List<Long> times = chat.getValue();
            List<JsonNode> sent = telegram.sent(chat.getKey());
            int s = 0;
            while (s < sent.size() && sent.get(s).get("at").asLong() < times.get(0)) {
                duplicates++; // a message before the chat's first question: a reply sent twice
                s++;
            }
            for (int q = 0; q < times.size(); q++) {
                long next = q + 1 < times.size() ? times.get(q + 1) : Long.MAX_VALUE;
                boolean replied = false;
                List<String> texts = new ArrayList<>();
                for (; s < sent.size() && sent.get(s).get("at").asLong() < next; s++) {
                    String text = sent.get(s).get("text").asText();
                    if (!replied) {
                        replied = true;
                        if (times.get(q) >= firstCounted) {
                            latencies.add((sent.get(s).get("at").asLong() - times.get(q)) / 1e6);
                        }
                    } else if (texts.contains(text)) {
                        duplicates++;
                    } else {
                        extraParts++;
                    }
                    texts.add(text);
                }
                if (!replied) {
                    lost++;
                }
            }
        }
        return new Latency(asked, latencies.stream().mapToDouble(Double::doubleValue).toArray(), lost, duplicates,
                extraParts, skipped, errors);
    }

    private static long advisorErrors(List<App.Started> started) {
        return started.stream().mapToLong(s -> s.advisor().stats().errors()).sum();
    }

    /** {calls, nanoseconds} of database reads and writes so far, over all replicas. */
    private static long[] databaseTime(List<App.Started> started) {
        long calls = 0;
        long nanos = 0;
        for (App.Started s : started) {
            DatabaseTime time = s.database().time();
            calls += time.reads() + time.writes();
            nanos += time.readNanos() + time.writeNanos();
        }
        return new long[] {calls, nanos};
    }
}
