package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.telegram.ImageTraining;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * What a new question, a start and the memory cost beside the plain recipe (issue 16), from the same
 * run as the rest of BENCHMARKS.md: its rows of the targets table and its sections.
 *
 * @param uniqueOurs each round's {@code unique ours} probe: a fresh process asking every evaluation question once
 * @param uniqueFloat the same for this project with the float model ({@code ADVISOR_MODEL=float})
 * @param uniquePlain the same for the plain recipe, run in turn with ours
 * @param stages the {@code stages} probe: each stage of a question, ONNX Runtime's settings, embedding rates
 * @param loads each round's load through the bot in the default heap
 * @param smallLoads the same in a heap of {@link Benchmark#SMALLEST_HEAP_MB} MB, each round run after the default heap's
 * @param starts whole starts, one row per way of starting the jar: the README's first, the Dockerfile's last
 */
record CostReport(List<JsonNode> uniqueOurs, List<JsonNode> uniqueFloat, List<JsonNode> uniquePlain, JsonNode stages, List<JsonNode> loads,
        List<JsonNode> smallLoads, List<StartTimes> starts) {

    /**
     * Whole-process medians in milliseconds, for one way of starting the jar ({@link Jvm.Launch}): {@code ask}
     * with the cache warm; {@code chat} with no input (JVM start, guides, index, model: up to the prompt);
     * the bot against a Telegram stand-in ({@code BotStartProbe}), from its process start to its first
     * getUpdates, the first question sent then to its answer, and in a start of its own the first question
     * sent {@link Benchmark#ASK_LATER} after that getUpdates to its answer.
     */
    record StartTimes(String label, boolean image, double askMs, double chatMs, double botReadyMs,
            double botFirstAnswerMs, double botLaterAnswerMs) {
    }

    /** The stages of {@code StageProbe}, in the order a question meets them, as the table names them. */
    private static final Map<String, String> STAGES = Map.of(
            "mend", "mending slips, adding the guides' words for levels and decades",
            "tokenize", "tokenizer (once; langchain4j's wrapper ran it three times)",
            "onnx", "ONNX Runtime: the model's run",
            "pool", "mean pooling, scaling to length 1",
            "vectors", "of which: vector ranking (exact cosine scan)",
            "bm25", "of which: word ranking (Lucene BM25: analysis and search)",
            "search", "the whole search: both rankings, their fusion, the top passages' sentence scores",
            "compose", "composing the answer");
    private static final List<String> ORDER = List.of("mend", "tokenize", "onnx", "pool", "search", "vectors", "bm25",
            "compose");

    CostReport {
        uniqueOurs = List.copyOf(uniqueOurs);
        uniqueFloat = List.copyOf(uniqueFloat);
        uniquePlain = List.copyOf(uniquePlain);
        loads = List.copyOf(loads);
        smallLoads = List.copyOf(smallLoads);
        starts = List.copyOf(starts);
    }

    /** The start as the Docker image makes it, if it was timed ({@code --image-java}). */
    private java.util.Optional<StartTimes> image() {
        return starts.stream().filter(StartTimes::image).findFirst();
    }

    /** The median over rounds of one figure of the unique-question probes ({@code path}: field names, in turn). */
    static double median(List<JsonNode> runs, String... path) {
        return Stats.median(runs.stream().mapToDouble(r -> {
            JsonNode node = r;
            for (String field : path) {
                node = node.get(field);
            }
            return node.asDouble();
        }).toArray());
    }

    /** The round whose {@code field} is the median of the rounds' (the upper one of an even count). */
    static JsonNode medianRound(List<JsonNode> rounds, String field) {
        List<JsonNode> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(r -> r.get(field).asDouble()));
        return sorted.get(sorted.size() / 2);
    }

    void targets(StringBuilder md, double warmMs, double plainStartMs, JsonNode largest) {
        newQuestion(md, "", uniqueOurs);
        newQuestion(md, ", with the float model (`ADVISOR_MODEL=float`)", uniqueFloat);
        Report.row(md, "issue 16: `ask` with the cache warm, as the README starts it ≤ 0.2× the plain recipe's",
                String.format(Locale.ROOT,
                "%s vs %s (%.2f×)", Report.ms(warmMs), Report.ms(plainStartMs), warmMs / plainStartMs),
                warmMs <= 0.2 * plainStartMs);
        Report.row(md, "issue 16: the bot ready to answer ≤ 1.5 s after start, as the README starts it (its process "
                + "start to its first getUpdates, against a Telegram stand-in)", Report.ms(starts.get(0).botReadyMs()),
                starts.get(0).botReadyMs() <= 1500);
        java.util.Optional<StartTimes> image = image();
        String notTimed = "not timed: run with --image-java PATH, the java of a Java 25";
        Report.row(md, "issue 16: `ask` with the cache warm, as the Docker image starts it ≤ 0.2× the plain recipe's",
                image.map(i -> String.format(Locale.ROOT, "%s (%.2f×); %s", Report.ms(i.askMs()),
                        i.askMs() / plainStartMs, i.label())).orElse(notTimed),
                image.isPresent() && image.get().askMs() <= 0.2 * plainStartMs);
        Report.row(md, "issue 16: the bot ready to answer ≤ 1.5 s after start, as the Docker image starts it",
                image.map(i -> Report.ms(i.botReadyMs()) + "; " + i.label()).orElse(notTimed),
                image.isPresent() && image.get().botReadyMs() <= 1500);
        double rss = median(uniqueOurs, "peakRssBytes");
        double plainRss = median(uniquePlain, "peakRssBytes");
        Report.row(md, "issue 16: peak RSS answering the new questions ≤ the plain recipe's", String.format(Locale.ROOT,
                "%s vs %s", Report.mb((long) rss), Report.mb((long) plainRss)), rss <= plainRss);
        double perSecond = median(loads, "perSecond");
        double smallPerSecond = median(smallLoads, "perSecond");
        int errors = smallLoads.stream().mapToInt(r -> r.get("errors").asInt()).sum();
        // Each small-heap round runs right after a default-heap one: the machine's drift, which moves a round by a
        // quarter, moves both alike, so the pairs' median ratio judges; the medians' ratio is shown beside it.
        double[] ratios = new double[loads.size()];
        List<String> byRound = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            ratios[i] = smallLoads.get(i).get("perSecond").asDouble() / loads.get(i).get("perSecond").asDouble();
            byRound.add(String.format(Locale.ROOT, "%.2f×", ratios[i]));
        }
        double ratio = Stats.median(ratios);
        Report.row(md, "issue 16: " + loads.get(0).get("chats").asInt() + " chats in -Xmx" + Benchmark.SMALLEST_HEAP_MB
                + "m: no error, ≥ 0.9× the default heap's answers/s", String.format(Locale.ROOT,
                "%d errors; %.2f× at the median of %d rounds each run in turn (round by round %s); medians %.0f vs "
                + "%.0f answers/s (%.2f×); the collectors' pauses %.1f%% vs %.1f%% of the load's time; peak RSS %s vs %s",
                errors, ratio, loads.size(), String.join(", ", byRound), smallPerSecond, perSecond,
                smallPerSecond / perSecond, 100 * median(smallLoads, "gcShare"), 100 * median(loads, "gcShare"),
                Report.mb((long) median(smallLoads, "peakRssBytes")), Report.mb((long) median(loads, "peakRssBytes"))),
                errors == 0 && ratio >= 0.9);
        JsonNode rates = stages.get("textsPerSecond");
        double one = rates.get("1 core, one text a run").asDouble();
        double all = last(rates);
        Report.row(md, "issue 16: the cold index embeds on every core", String.format(Locale.ROOT,
                "%.0f texts/s on every core vs %.0f on one (%.2f×)", all, one, all / one), all > one);
        int n = largest.get("passages").asInt();
        double hnsw = largest.get("hnsw").get("p50").asDouble();
        double recall = largest.get("hnswRecallAt10").asDouble();
        Report.row(md, "issue 16: HNSW p50 ≤ 1 ms and recall@10 ≥ 0.95 at 100,000 passages", String.format(Locale.ROOT,
                "%.2f ms, %.3f at %,d", hnsw, recall, n), n >= 100_000 && hnsw <= 1 && recall >= 0.95);
        double build = largest.get("hnswBuildMs").asDouble();
        // Halved against the build as it was: one worker inserting with Lucene's defaults (16 neighbours, 100
        // candidates), as Lucene's indexing thread built it, timed in the same process (38 s when the issue
        // was filed, on another day). The shipped build links 24 neighbours from 64 candidates, on every core;
        // the row above keeps its search and recall honest.
        int cores = Runtime.getRuntime().availableProcessors();
        String halved = "issue 16: HNSW build at 100,000 passages halved (38 s on one thread when the issue was filed)";
        if (largest.has("hnswOneWorkerBuildMs")) {
            double oneWorker = largest.get("hnswOneWorkerBuildMs").asDouble();
            Report.row(md, halved, String.format(Locale.ROOT, "%s by %d workers (one per core), 24 neighbours from 64 candidates, vs %s by one with Lucene's "
                                    + "defaults (%.2f×) at %,d",
                            Report.ms(build), cores, Report.ms(oneWorker), build / oneWorker, n),
                    n >= 100_000 && build <= 0.5 * oneWorker);
        } else {
            Report.row(md, halved, String.format(Locale.ROOT, "%s at %,d (no one-worker build timed)", Report.ms(build), n),
                    false);
        }
    }

    /** The new question's two rows of the targets table, for one way of running this project. */
    private void newQuestion(StringBuilder md, String how, List<JsonNode> ours) {
        for (String p : List.of("p50", "p99")) {
            double factor = p.equals("p50") ? 0.5 : 1.0;
            double fresh = median(ours, "fresh", "latency", p);
            double plain = median(uniquePlain, "fresh", "latency", p);
            double later = median(ours, "afterTraffic", "latency", p);
            double laterPlain = median(uniquePlain, "afterTraffic", "latency", p);
            // Judged on the fresh process, the stricter of the two; the figure after traffic is beside it.
            Report.row(md, String.format(Locale.ROOT, "issue 16: new question %s ≤ %.1f× the plain recipe's%s", p,
                    factor, how), String.format(Locale.ROOT, "%s vs %s (%.2f×) in a fresh process; %s vs %s (%.2f×) "
                    + "after %s other new questions", Report.ms(fresh), Report.ms(plain), fresh / plain,
                    Report.ms(later), Report.ms(laterPlain), later / laterPlain, traffic()), fresh <= factor * plain);
        }
    }

    private void startRow(StringBuilder md, String what, ToDoubleFunction<StartTimes> figure) {
        md.append("| ").append(what).append(" |");
        starts.forEach(s -> md.append(' ').append(Report.ms(figure.applyAsDouble(s))).append(" |"));
        md.append('\n');
    }

    private String traffic() {
        return String.format(Locale.ROOT, "%,d", uniqueOurs.get(0).get("trafficQuestions").asInt());
    }

    private static double last(JsonNode object) {
        double value = 0;
        for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
            value = it.next().asDouble();
        }
        return value;
    }

    void sections(StringBuilder md) {
        md.append("Issue 16's start-up figures, whole processes, medians, each way of starting the jar in turn. The first "
                + "is the README's `java -jar`; the one marked \"the Docker image\" is the image's own start: its Java "
                + "(`--image-java`), the Dockerfile's memory flags (" + String.join(" ", Benchmark.IMAGE_OPTIONS)
                + ") and its cache. A start with an archive is made to fail if it cannot map it (`-Xshare:on`, "
                + "`-XX:AOTMode=on`), so none ran quietly without.\n\n| |");
        starts.forEach(s -> md.append(' ').append(s.label()).append(" |"));
        md.append("\n|---|").append("---|".repeat(starts.size())).append('\n');
        startRow(md, "the bot: its process start to its first getUpdates against a Telegram stand-in (from then on it "
                + "takes messages)", StartTimes::botReadyMs);
        startRow(md, "the bot: a question sent at its first getUpdates, to its answer (the warm-up runs beside it)",
                StartTimes::botFirstAnswerMs);
        startRow(md, "the bot: a question sent " + Benchmark.ASK_LATER.toSeconds() + " s after its first getUpdates (a "
                + "start of its own), to its answer", StartTimes::botLaterAnswerMs);
        startRow(md, "`chat` with no input (JVM, guides, index, model: up to the prompt)", StartTimes::chatMs);
        startRow(md, "`ask` one question, cache warm", StartTimes::askMs);
        md.append("\nEach Java starts on a warm data dir of its own, as a deployment does: the guides as parsed and the "
                + "word index are keyed by the Java version as well, so taking turns in one dir would parse them again at "
                + "each change of Java. Each archive is made as the Dockerfile makes its cache: one `ask` in a copy of that "
                + "warm data dir (the vectors, "
                + "the parsed guides, the model and ONNX Runtime taken out of the jar; not the database), with "
                + "`-XX:ArchiveClassesAtExit` on Java 17 (a class-data-sharing archive: the classes it loaded) and "
                + "`-XX:AOTCacheOutput` from Java 25 (an ahead-of-time cache: the classes loaded and linked, and the "
                + "profiles of the methods it ran); a start then maps it (`-XX:SharedArchiveFile`, `-XX:AOTCache`) instead "
                + "of loading, linking and profiling them again. The Docker image's bot maps a cache of its own, made as "
                + "the Dockerfile makes it: the bot's own run against a Telegram stand-in (`ImageTraining`), asked "
                + ImageTraining.MESSAGES.size() + " messages one after another, then stopped as `docker stop` stops "
                + "it; a cache made by `ask` holds neither the Telegram library nor the bot's own code. The image's bot "
                + "serves its health port, as the image's does; the others' is off. The README's run command stays `java -jar …` on Java 17 "
                + "or later: the archive needs a second command and a flag. The jar is built for Java 17 either way.\n\n");
        md.append("## A new question, stage by stage\n\n");
        md.append("Every evaluation question (").append(uniqueOurs.get(0).get("questions").asInt()).append(") asked once, "
                + "in order, by one person, in a fresh process of each system (`Probe unique`); the systems take "
                + "turns, ").append(uniqueOurs.size()).append(" rounds each, and the table gives the median over rounds. "
                + "A question answered without embedding anything (its text is one the program embeds at start, such as "
                + "an example of the intent router) is a hit of the question cache: counted and left out. Then, in the "
                + "same process, ").append(traffic()).append(" other new questions (each question with one of "
                + Probe.TRAFFIC_WORDS.size() + " words added), and every question again, worded anew (\"" + Probe.AFTER_TRAFFIC.strip() + "\" before "
                + "it): a bot that has been answering for a while, its code compiled by the JIT. Peak resident memory is "
                + "taken before that traffic.\n\n");
        md.append("| system | questions timed | cache hits left out | p50 ms | p95 ms | p99 ms | in-process start (ours: the warm-up run too) | peak RSS "
                + "| p50 ÷ the recipe's, round by round |\n|---|---|---|---|---|---|---|---|---|\n");
        unique(md, "this project, fresh process", uniqueOurs, uniquePlain, "fresh");
        unique(md, "plain recipe, fresh process", uniquePlain, null, "fresh");
        unique(md, "this project, float model, fresh process", uniqueFloat, uniquePlain, "fresh");
        unique(md, "this project, after the traffic", uniqueOurs, uniquePlain, "afterTraffic");
        unique(md, "plain recipe, after the traffic", uniquePlain, null, "afterTraffic");
        unique(md, "this project, float model, after the traffic", uniqueFloat, uniquePlain, "afterTraffic");
        md.append("\nThis project runs the quantized model by default: all-MiniLM-L6-v2 with its weights in 8-bit "
                + "integers, as langchain4j publishes it (the guides embedded by it one text a run). The float model is "
                + "the same model as trained (`ADVISOR_MODEL=float`; its vectors cached apart). The last column divides each round's p50 by the recipe's in the same round (they ran one after "
                + "the other): how much the figure moves from one fresh process to the next.\n");
        md.append("\nWhere the time goes (`Probe stages`, `retrieval/StageProbe`): each stage timed with `System.nanoTime` "
                + "around the calls the program makes, on the same questions, each once, after one round over them "
                + "reworded (the JIT warm, as in a process that has answered a few).\n\n");
        md.append("| stage | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|\n");
        double sum = 0;
        for (String stage : ORDER) {
            JsonNode s = stages.get("stages").get(stage);
            sum += stage.equals("vectors") || stage.equals("bm25") ? 0 : s.get("p50").asDouble();
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", STAGES.get(stage),
                    s.get("p50").asDouble(), s.get("p95").asDouble(), s.get("p99").asDouble()));
        }
        double whole = median(uniqueOurs, "fresh", "latency", "p50");
        md.append(String.format(Locale.ROOT, "| the stages' p50s added up (the two rankings once, in the search) | %.3f | | |%n", sum));
        md.append(String.format(Locale.ROOT, "| the rest of a turn (the whole answer's p50 above less the stages): "
                + "reading and saving the thread in SQLite, the intent router, entities, follow-up rules, rendering | "
                + "%.3f | | |%n%n", Math.max(0, whole - sum)));
        md.append("One embedding of each question by the model in each setting (ONNX Runtime's own settings, and "
                + "langchain4j's wrapper, which hands each text to a thread pool and tokenizes it three times):\n\n");
        md.append("| embedding a question | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = stages.get("onnx").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", e.getKey(),
                    e.getValue().get("p50").asDouble(), e.getValue().get("p95").asDouble(), e.getValue().get("p99").asDouble()));
        }
        lengths(md);
        md.append("\n## Cold index: embedding rate\n\n");
        md.append("The ").append(stages.get("indexTexts").asInt()).append(" distinct texts the shipped guides' index "
                + "embeds (passages and their quotable sentences), embedded again by the model in one process, one core "
                + "against every core, one text a run against batches of texts of similar length:\n\n");
        md.append("| workers, texts a run | texts/s |\n|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = stages.get("textsPerSecond").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            md.append(String.format(Locale.ROOT, "| %s | %.0f |%n", e.getKey(), e.getValue().asDouble()));
        }
        md.append('\n');
    }

    /**
     * What one text's embedding costs by its length, the recipe's way and ours: the model's work grows with the
     * word pieces, so this is the floor under a new question's time, whatever the rest of a turn costs.
     */
    private void lengths(StringBuilder md) {
        JsonNode byLength = stages.get("byLength");
        List<String> names = new ArrayList<>();
        byLength.fieldNames().forEachRemaining(names::add);
        md.append(String.format(Locale.ROOT, "%nOne text's embedding by its length in word pieces ([CLS] and [SEP] "
                + "left out; the evaluation questions' median is %d), median ms, the same texts each way: the model's "
                + "work grows with the pieces, so this is the floor under a new question's time.%n%n",
                stages.get("questionPieces").asInt()));
        md.append("| word pieces | ").append(String.join(" | ", names)).append(" | ours ÷ the recipe's |\n|---|");
        names.forEach(n -> md.append("---|"));
        md.append("---|\n");
        for (Iterator<String> it = byLength.get(names.get(0)).fieldNames(); it.hasNext(); ) {
            String pieces = it.next();
            md.append("| ").append(pieces).append(" |");
            for (String name : names) {
                md.append(String.format(Locale.ROOT, " %.3f |", byLength.get(name).get(pieces).asDouble()));
            }
            md.append(String.format(Locale.ROOT, " %.2f× |%n", byLength.get(names.get(names.size() - 1)).get(pieces)
                    .asDouble() / byLength.get(names.get(0)).get(pieces).asDouble()));
        }
    }

    /** A row of the new questions' table; {@code against}, the recipe's rounds, gives each round's ratio. */
    private static void unique(StringBuilder md, String name, List<JsonNode> runs, @Nullable List<JsonNode> against,
            String pass) {
        boolean fresh = pass.equals("fresh");
        List<String> ratios = new ArrayList<>();
        for (int i = 0; against != null && i < runs.size(); i++) {
            ratios.add(String.format(Locale.ROOT, "%.2f×", runs.get(i).get(pass).get("latency").get("p50").asDouble()
                    / against.get(i).get(pass).get("latency").get("p50").asDouble()));
        }
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %s | %s | %s |%n", name,
                median(runs, pass, "latency", "count"), median(runs, pass, "cacheHits"),
                median(runs, pass, "latency", "p50"), median(runs, pass, "latency", "p95"),
                median(runs, pass, "latency", "p99"), fresh ? Report.ms(median(runs, "startMs")) : "",
                fresh ? Report.mb((long) median(runs, "peakRssBytes")) : "", String.join(", ", ratios)));
    }
}
