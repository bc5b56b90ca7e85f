package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.careeradvisor.App;
import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import io.github.careeradvisor.knowledge.TokenCounter;
import io.github.careeradvisor.retrieval.Embedder;
import io.github.careeradvisor.retrieval.PlainRecipe;
import io.github.careeradvisor.retrieval.ScaleProbe;
import io.github.careeradvisor.retrieval.StageProbe;
import io.github.careeradvisor.storage.SqliteDatabase;
import io.github.careeradvisor.telegram.BotUnderLoad;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The measurements that run inside a child process of the benchmark, so each system's memory is its
 * own. Each prints one JSON object on standard output.
 */
final class Probe {

    /** A user id no person has: the benchmark's questions are answered with no profile. */
    static final long BENCH_USER = 999_999_999L;
    static final int[] CONCURRENCY = {1, 8, 64};
    static final int THROUGHPUT_ROUNDS = 3;

    private final Settings settings;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    Probe(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * One step, as {@link Benchmark} starts it: {@code system ours|plain}, {@code scale N},
     * {@code plain-ask QUESTION…} or {@code load CHATS SECONDS}, with {@code --quick} for the smoke run.
     */
    public static void main(String[] args) {
        // As App.main has them: library chatter off stderr, this project's lines (one per answer) kept.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.github.careeradvisor", "info");
        List<String> words = new ArrayList<>(Arrays.asList(args));
        boolean quick = words.remove("--quick");
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Probe probe = new Probe(Settings.fromEnvironment(System.getenv()), out);
        try {
            switch (words.isEmpty() ? "" : words.get(0)) {
                case "system" -> probe.system(words.get(1), quick);
                case "unique" -> probe.unique(words.get(1), quick);
                case "stages" -> probe.stages();
                case "scale" -> probe.scale(Integer.parseInt(words.get(1)), quick);
                case "plain-ask" -> probe.plainAsk(String.join(" ", words.subList(1, words.size())));
                case "load" -> probe.load(Integer.parseInt(words.get(1)), Integer.parseInt(words.get(2)));
                default -> throw new IllegalArgumentException("unknown benchmark step '" + String.join(" ", words) + "'");
            }
        } catch (Exception e) {
            System.err.println("error: benchmark step " + String.join(" ", args) + " failed: " + e);
            System.exit(1);
        }
        out.flush();
        System.exit(0);
    }

    /** The embedding model as the settings choose it (ADVISOR_ONNX_THREADS, ADVISOR_MODEL), read from the data dir. */
    private Embedder embedder() {
        return new Embedder(settings.onnxThreads(), settings.dataDir(), settings.quantizedModel());
    }

    /** Answers the workload with this project's advisor ({@code ours}) or the plain recipe ({@code plain}). */
    void system(String which, boolean quick) throws Exception {
        EvalSet eval = EvalSet.load();
        long start = System.nanoTime();
        Function<String, Reply> ask;
        App.Started started = null;
        PlainRecipe plain = null;
        if (which.equals("ours")) {
            started = App.start(settings, embedder(), w -> { });
            Advisor advisor = started.advisor();
            advisor.warmUp(); // done first, so its turns are not timed (the bot runs it beside its first updates)
            advisor.reply(BENCH_USER, "/forget");
            ask = q -> {
                Answer a = advisor.reply(BENCH_USER, q);
                return new Reply(PlainText.body(a), a.grounded());
            };
        } else {
            plain = new PlainRecipe(settings.knowledgeDir());
            PlainRecipe recipe = plain;
            ask = q -> new Reply(String.join("\n", recipe.ask(q)), true);
        }
        double startMs = (System.nanoTime() - start) / 1e6;

        ObjectNode result = json.createObjectNode();
        result.put("system", which);
        result.put("onnxThreads", settings.onnxThreads());
        result.put("startMs", startMs);
        quality(eval, ask, result);

        List<String> workload = eval.workload(quick ? 1 : 7);
        double[] latencies = new double[workload.size()];
        for (int i = 0; i < workload.size(); i++) {
            long t = System.nanoTime();
            ask.apply(workload.get(i));
            latencies[i] = (System.nanoTime() - t) / 1e6;
        }
        put(result, "single", Stats.of(latencies));
        // Rounds of 1, 8 and 64 askers in turn; each count keeps its median round by answers a second, so a
        // ratio of two counts is not decided by one noisy pass.
        ObjectNode concurrent = result.putObject("concurrent");
        Map<Integer, List<ObjectNode>> rounds = new TreeMap<>();
        for (int round = 0; round < (quick ? 1 : THROUGHPUT_ROUNDS); round++) {
            for (int askers : CONCURRENCY) {
                rounds.computeIfAbsent(askers, a -> new ArrayList<>()).add(load(askers,
                        quick ? Math.min(200, workload.size()) : workload.size(), workload, ask, round));
            }
        }
        rounds.forEach((askers, runs) -> {
            runs.sort(Comparator.comparingDouble(r -> r.get("perSecond").asDouble()));
            concurrent.set(String.valueOf(askers), runs.get(runs.size() / 2).put("rounds", runs.size()));
        });
        result.put("peakHeapBytes", ScaleProbe.peakHeap());
        result.put("peakRssBytes", peakRss());
        System.gc();
        result.put("liveHeapBytes", java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        if (plain != null) {
            result.put("segments", plain.segments());
        }
        if (started != null) {
            result.put("passages", started.report().passages());
            started.close();
        }
        out.println(json.writeValueAsString(result));
    }

    /**
     * Issue 16's per-question measurement: a fresh process of {@code ours} or {@code plain} asks each
     * evaluation question once, in order, one person, and exits. A question answered without embedding
     * anything (its text was one the program embeds at start, such as a router example) is a
     * question-cache hit: counted, and left out of the latencies.
     */
    void unique(String which, boolean quick) throws Exception {
        List<String> questions = EvalSet.load().all();
        long start = System.nanoTime();
        ObjectNode result = json.createObjectNode();
        Function<String, Boolean> ask; // true when the question was embedded (not a question-cache hit)
        App.Started started = null;
        if (which.equals("ours")) {
            Embedder embedder = embedder();
            started = App.start(settings, embedder, w -> { });
            Advisor advisor = started.advisor();
            advisor.warmUp(); // done first, so its turns are not timed (the bot runs it beside its first updates)
            ask = q -> {
                long before = embedder.embedded();
                advisor.reply(BENCH_USER, q);
                return embedder.embedded() != before;
            };
        } else {
            PlainRecipe recipe = new PlainRecipe(settings.knowledgeDir());
            ask = q -> {
                recipe.ask(q);
                return true;
            };
        }
        result.put("startMs", (System.nanoTime() - start) / 1e6);
        // As a fresh process meets them; then the same questions worded anew after the same traffic for both
        // systems (each question with one of the words below added: new texts, each embedded), by when the
        // JIT has compiled what a running bot runs.
        timeNew(questions, ask, result.putObject("fresh"));
        result.put("peakRssBytes", peakRss()); // before the traffic, whose garbage a large default heap lets pile up
        List<String> traffic = new ArrayList<>();
        for (String word : TRAFFIC_WORDS.subList(0, quick ? 1 : TRAFFIC_WORDS.size())) {
            questions.forEach(q -> traffic.add(q + " " + word));
        }
        ask.apply("/forget");
        traffic.forEach(ask::apply);
        result.put("trafficQuestions", traffic.size());
        timeNew(questions.stream().map(q -> AFTER_TRAFFIC + q).toList(), ask, result.putObject("afterTraffic"));
        if (started != null) {
            started.close();
        }
        result.put("system", which);
        result.put("questions", questions.size());
        out.println(json.writeValueAsString(result));
    }

    /**
     * What the questions are worded anew with after the traffic, so each is a new text again: not a greeting,
     * which the advisor leaves out of what it reads (a greeting before a question would make it the same text).
     */
    static final String AFTER_TRAFFIC = "Quick question: ";

    /**
     * Words added to the questions for the traffic between the two timed passes of {@link #unique}: each
     * makes every question a new text, 36 × 145 of them.
     */
    static final List<String> TRAFFIC_WORDS = List.of("please", "now", "today", "exactly", "then", "again", "briefly",
            "honestly", "really", "overall", "currently", "nowadays", "roughly", "approximately", "typically", "usually",
            "generally", "basically", "actually", "seriously", "quickly", "simply", "precisely", "specifically",
            "concretely", "realistically", "practically", "truly", "ok", "anyway", "thanks", "folks", "friend", "mate",
            "sir", "team");

    /** Asks each question once, in order, one person; times those embedded, counts the question-cache hits. */
    private void timeNew(List<String> questions, Function<String, Boolean> ask, ObjectNode into) {
        ask.apply("/forget");
        List<Double> latencies = new ArrayList<>();
        int hits = 0;
        for (String q : questions) {
            long t = System.nanoTime();
            boolean embedded = ask.apply(q);
            double ms = (System.nanoTime() - t) / 1e6;
            if (embedded) {
                latencies.add(ms);
            } else {
                hits++;
            }
        }
        into.put("cacheHits", hits);
        put(into, "latency", Stats.of(latencies.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** Where a question's time goes, stage by stage, and how fast the index's texts embed (see StageProbe). */
    void stages() throws Exception {
        KnowledgeBase knowledge;
        TokenCounter tokens = TokenCounter.forMiniLm();
        knowledge = new KnowledgeLoader(settings.knowledgeDir(), tokens::count).load();
        StageProbe.Result r = StageProbe.run(knowledge, embedder(), settings.dataDir(),
                EvalSet.load().all(), System.err::println);
        ObjectNode result = json.createObjectNode();
        ObjectNode stages = result.putObject("stages");
        r.stages().forEach((name, ms) -> put(stages, name, Stats.of(ms)));
        ObjectNode onnx = result.putObject("onnx");
        r.onnxSettings().forEach((name, ms) -> put(onnx, name, Stats.of(ms)));
        ObjectNode rates = result.putObject("textsPerSecond");
        r.textsPerSecond().forEach(rates::put);
        result.put("indexTexts", r.indexTexts());
        ObjectNode byLength = result.putObject("byLength");
        r.byLength().forEach((name, ms) -> {
            ObjectNode each = byLength.putObject(name);
            ms.forEach((pieces, median) -> each.put(String.valueOf(pieces), median));
        });
        result.put("questionPieces", r.questionPieces());
        out.println(json.writeValueAsString(result));
    }

    /** The synthetic-knowledge measurement for {@code n} passages. */
    void scale(int n, boolean quick) throws Exception {
        KnowledgeBase knowledge;
        TokenCounter tokens = TokenCounter.forMiniLm();
        knowledge = new KnowledgeLoader(settings.knowledgeDir(), tokens::count).load();
        Path work = Files.createTempDirectory("advisor-scale-");
        try {
            ScaleProbe.Result r = ScaleProbe.run(n, knowledge, new Embedder(settings.onnxThreads()), settings.dataDir(),
                    EvalSet.load().all(), quick ? 200 : 1000, work);
            ObjectNode result = json.createObjectNode();
            result.put("passages", r.passages());
            result.put("flatBuildMs", r.flatBuildMs());
            result.put("hnswBuildMs", r.hnswBuildMs());
            result.put("hnswOneWorkerBuildMs", r.hnswOneWorkerBuildMs());
            result.put("bm25BuildMs", r.bm25BuildMs());
            result.put("inMemoryBuildMs", r.inMemoryBuildMs());
            result.put("flatBytes", r.flatBytes());
            result.put("hnswBytes", r.hnswBytes());
            result.put("bm25Bytes", r.bm25Bytes());
            result.put("inMemoryBytes", r.inMemoryBytes());
            put(result, "flat", Stats.of(r.flatMs()));
            put(result, "hnsw", Stats.of(r.hnswMs()));
            put(result, "hybrid", Stats.of(r.hybridMs()));
            put(result, "inMemory", Stats.of(r.inMemoryMs()));
            result.put("hnswRecallAt10", r.hnswRecallAt10());
            result.put("heapAfterBuildBytes", r.heapAfterBuild());
            result.put("peakHeapBytes", r.peakHeap());
            result.put("peakRssBytes", peakRss());
            out.println(json.writeValueAsString(result));
        } finally {
            deleteTree(work);
        }
    }

    /**
     * The load test: {@code chats} people each asking, waiting for the reply and asking again, for
     * {@code seconds}, through the real bot and the tests' Bot API stand-in.
     */
    void load(int chats, int seconds) throws Exception {
        List<String> questions = EvalSet.load().all();
        Path inboxDir = Files.createTempDirectory("advisor-load-");
        AtomicLong asked = new AtomicLong();
        try (App.Started started = App.start(settings, embedder(), w -> { });
                SqliteDatabase journal = SqliteDatabase.open(inboxDir)) {
            started.advisor().warmUp(); // done first, so its turns are not timed (the bot runs it beside its first updates)
            long errorsBefore = started.advisor().stats().errors();
            long gcBefore = gcMillis();
            BotUnderLoad.Result run = BotUnderLoad.run(started.advisor(), new SqlInbox(journal), chats, seconds,
                    chat -> {
                        long n = asked.getAndIncrement();
                        // Worded uniquely, so every question costs what a new question costs.
                        return questions.get((int) (n % questions.size())) + " (" + n + ")";
                    });
            long gcMs = gcMillis() - gcBefore;
            double[] latencies = run.latencies();
            ObjectNode result = json.createObjectNode();
            result.put("chats", chats);
            result.put("seconds", seconds);
            result.put("answers", latencies.length);
            result.put("perSecond", latencies.length / run.seconds());
            result.put("gcShare", gcMs / (run.seconds() * 1000)); // of the load's wall time, the program stopped
            put(result, "latency", Stats.of(latencies));
            result.put("errors", started.advisor().stats().errors() - errorsBefore + run.unexpected());
            result.put("peakHeapBytes", ScaleProbe.peakHeap());
            result.put("peakRssBytes", peakRss());
            out.println(json.writeValueAsString(result));
        } finally {
            deleteTree(inboxDir);
        }
    }

    /** Answers one question with the plain recipe: its whole-process start-to-answer time is measured outside. */
    void plainAsk(String question) {
        out.println(String.join("\n---\n", new PlainRecipe(settings.knowledgeDir()).ask(question)));
    }

    private record Reply(String text, boolean grounded) {
    }

    /** Asks every evaluation question once (the first time, so nothing is cached), timing each. */
    private void quality(EvalSet eval, Function<String, Reply> ask, ObjectNode result) {
        int facts = 0;
        int found = 0;
        List<Double> firstAsk = new ArrayList<>();
        for (EvalSet.Question q : eval.questions()) {
            long t = System.nanoTime();
            String text = ask.apply(q.text()).text();
            firstAsk.add((System.nanoTime() - t) / 1e6);
            for (String fact : q.facts()) {
                facts++;
                found += EvalSet.found(text, fact) ? 1 : 0;
            }
        }
        int answeredOffTopic = 0;
        for (String q : eval.offTopic()) {
            long t = System.nanoTime();
            answeredOffTopic += ask.apply(q).grounded() ? 1 : 0;
            firstAsk.add((System.nanoTime() - t) / 1e6);
        }
        put(result, "firstAsk", Stats.of(firstAsk.stream().mapToDouble(Double::doubleValue).toArray()));
        result.put("facts", facts);
        result.put("factsFound", found);
        result.put("offTopic", eval.offTopic().size());
        result.put("offTopicAnswered", answeredOffTopic);
    }

    private ObjectNode load(int askers, int total, List<String> workload, Function<String, Reply> ask, int round)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(askers);
        try {
            double[] latencies = new double[total];
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                int index = i;
                // Each request is worded uniquely, so no answer comes from the question cache: the
                // throughput measured is that of new questions.
                String question = workload.get(index % workload.size()) + " (ref " + round + "-" + askers + "-" + index + ")";
                work.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    ask.apply(question);
                    latencies[index] = (System.nanoTime() - t) / 1e6;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode node = json.createObjectNode();
            node.put("answers", total);
            node.put("perSecond", total / seconds);
            put(node, "latency", Stats.of(latencies));
            return node;
        } finally {
            pool.shutdown();
        }
    }

    private void put(ObjectNode node, String name, Stats stats) {
        node.putObject(name).put("count", stats.count()).put("p50", stats.p50()).put("p95", stats.p95())
                .put("p99", stats.p99()).put("max", stats.max());
    }

    /** The most resident memory this process has had (VmHWM), or -1 where /proc does not say. */
    /** The time the garbage collectors report they have taken so far (their pauses), in milliseconds. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(ms -> ms > 0).sum();
    }

    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: reported as unknown
        }
        return -1;
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + dir, e);
        }
    }
}
