package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.retrieval.ScaleProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes BENCHMARKS.md from one run's measurements. */
final class Report {

    private final boolean quick;
    private final double coldMs;
    private final double warmMs;
    private final double plainStartMs;
    private final JsonNode ours;
    private final JsonNode allCores;
    private final JsonNode plain;
    private final JsonNode load;
    private final List<JsonNode> scales;
    private final CostReport cost;
    /** The benchmark's command as run. */
    private final String command;

    Report(boolean quick, String command, double coldMs, double warmMs, double plainStartMs, JsonNode ours, JsonNode allCores,
            JsonNode plain, JsonNode load, List<JsonNode> scales, CostReport cost) {
        this.cost = cost;
        this.command = command;
        this.allCores = allCores;
        this.load = load;
        this.quick = quick;
        this.coldMs = coldMs;
        this.warmMs = warmMs;
        this.plainStartMs = plainStartMs;
        this.ours = ours;
        this.plain = plain;
        this.scales = List.copyOf(scales);
    }

    String markdown(String date) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Produced by `").append(command).append("`")
                .append(quick ? " `--quick` (a smoke run: small sizes, few repetitions)" : "").append(" on ")
                .append(date).append(".\n\n");
        md.append("- Machine: ").append(Benchmark.machine()).append(".\n");
        md.append("- Every figure below comes from this one run. Start-up times are whole processes (JVM start to exit) "
                + "of the packaged jar, medians of several; each system's latency, throughput and memory come from a "
                + "process of its own. The machines are noisy: trust the ratios more than the absolute numbers.\n");
        md.append("- The plain recipe is what a Java developer writes with langchain4j out of the box: "
                + "FileSystemDocumentLoader over the same guides, `DocumentSplitters.recursive(300, 0)`, the same "
                + "all-MiniLM-L6-v2 model, an `InMemoryEmbeddingStore`, and the top 3 segments as the answer.\n\n");
        howToRun(md);
        targets(md);
        startup(md);
        cost.sections(md);
        answers(md);
        load(md);
        scale(md);
        return md.toString();
    }

    private static void howToRun(StringBuilder md) {
        md.append("## How to run\n\nFrom the repository root, with Java 17 and Maven:\n\n```sh\n")
                .append(Benchmark.COMMAND).append("\n```\n\n");
        md.append("The benchmark lives in the test sources (`src/test/java/io/github/careeradvisor/bench`), so the "
                + "product jar holds none of it; it runs beside the packaged jar, whose `index` and `ask` it times as a "
                + "user runs them. It takes about a quarter of an hour on two cores and rewrites this file; `--quick` "
                + "is a one-minute smoke run (`BenchIT` runs it in `mvn -B verify`), `--out FILE` writes the "
                + "report elsewhere, and `--image-java PATH` times starts on the Java the Dockerfile's image runs (Java 25, "
                + "with its ahead-of-time cache) beside this one. The soak (`" + Soak.RUN + "`, ten minutes, `--minutes N`) writes its own section, "
                + "at the end, which this run keeps; `BenchIT` runs a 15-second one.\n\n");
    }

    private void targets(StringBuilder md) {
        JsonNode single = ours.get("single");
        JsonNode plainSingle = plain.get("single");
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        row(md, "answer p50 ≤ 10 ms, single user", ms(single.get("p50").asDouble()), single.get("p50").asDouble() <= 10);
        row(md, "answer p99 ≤ 30 ms, single user", ms(single.get("p99").asDouble()), single.get("p99").asDouble() <= 30);
        double p50Ratio = plainSingle.get("p50").asDouble() / single.get("p50").asDouble();
        row(md, "p50 never slower than the plain recipe", String.format(Locale.ROOT, "plain %s = %.2f× ours",
                ms(plainSingle.get("p50").asDouble()), p50Ratio), p50Ratio >= 1);
        row(md, "warm start to first answer ≤ 3 s", ms(warmMs), warmMs <= 3000);
        row(md, "warm start ≤ half the plain recipe's", String.format(Locale.ROOT, "%s vs %s (%.2f×)", ms(warmMs),
                ms(plainStartMs), warmMs / plainStartMs), warmMs <= plainStartMs / 2);
        JsonNode largest = scales.get(scales.size() - 1);
        int n = largest.get("passages").asInt();
        double hybrid = largest.get("hybrid").get("p50").asDouble();
        double inMemory = largest.get("inMemory").get("p50").asDouble();
        row(md, "search p50 ≤ 15 ms at 100,000 passages", String.format(Locale.ROOT, "%s at %,d", ms(hybrid), n),
                n >= 100_000 && hybrid <= 15);
        row(md, "≥ 5× faster than InMemoryEmbeddingStore there", String.format(Locale.ROOT, "%.1f× (%s vs %s)",
                inMemory / hybrid, ms(hybrid), ms(inMemory)), n >= 100_000 && inMemory / hybrid >= 5);
        double recall = largest.get("hnswRecallAt10").asDouble();
        row(md, "recall@10 against exact search ≥ 0.95", String.format(Locale.ROOT, "%.3f at %,d", recall, n),
                n >= 100_000 && recall >= 0.95);
        for (JsonNode s : scales) {
            if (s.get("passages").asInt() == 10_000) {
                long peak = s.get("peakHeapBytes").asLong();
                row(md, "heap ≤ 512 MB at 10,000 passages", "ran in -Xmx" + Benchmark.SMALL_HEAP_MB + "m: " + mb(peak)
                        + " peak, " + mb(s.get("heapAfterBuildBytes").asLong()) + " live after build",
                        peak <= 512L * 1024 * 1024);
            }
        }
        double one = ours.get("concurrent").get("1").get("perSecond").asDouble();
        double eight = ours.get("concurrent").get("8").get("perSecond").asDouble();
        row(md, "throughput with 8 askers ≥ 1.6× one", String.format(Locale.ROOT, "%.2f× (%.0f vs %.0f answers/s)",
                eight / one, eight, one), eight / one >= 1.6);
        cost.targets(md, warmMs, plainStartMs, largest);
        md.append('\n');
    }

    private void startup(StringBuilder md) {
        md.append("## Start-up (whole process, median)\n\n| | this project | plain recipe | plain ÷ ours |\n|---|---|---|---|\n");
        md.append("| cold: embed every guide, build the index, exit (`index`, empty data dir) | ").append(ms(coldMs))
                .append(" | the same work happens at every start, below | |\n");
        md.append("| warm: JVM start to first answer and exit (`ask`, cache present) | ").append(ms(warmMs)).append(" | ")
                .append(ms(plainStartMs)).append(" | ").append(times(plainStartMs / warmMs)).append(" |\n");
        md.append("| in-process start: knowledge, index, model ready, and (ours) the warm-up run | ").append(ms(ours.get("startMs").asDouble()))
                .append(" | ").append(ms(plain.get("startMs").asDouble())).append(" | ")
                .append(times(plain.get("startMs").asDouble() / ours.get("startMs").asDouble())).append(" |\n\n");
        md.append("This project indexes ").append(ours.get("passages").asInt()).append(" passages (and embeds their "
                + "sentences too, for quoting); the plain recipe splits the same guides into ")
                .append(plain.get("segments").asInt()).append(" segments and embeds them again at every start.\n\n");
    }

    private void answers(StringBuilder md) {
        JsonNode single = ours.get("single");
        md.append("## Answers on the shipped knowledge\n\n");
        md.append("Single user, ").append(single.get("count").asInt()).append(" questions: the evaluation set, each "
                + "worded ").append(quick ? "once" : "7 ways (as asked, lower case, with a greeting, with thanks, without "
                + "the question mark, …), so repeats and near-repeats occur as they do in a real chat").append(".\n\n");
        md.append("| latency (ms) | p50 | p95 | p99 | max |\n|---|---|---|---|---|\n");
        stats(md, "this project, whole workload", single);
        stats(md, "this project, first ask of each question (nothing cached)", ours.get("firstAsk"));
        stats(md, "plain recipe, whole workload", plain.get("single"));
        stats(md, "plain recipe, first ask of each question", plain.get("firstAsk"));
        md.append("\nConcurrent askers, every request worded uniquely so none is answered from the question cache "
                + "(each answer timed from submit to reply, on this machine's cores); "
                + ours.get("concurrent").get("1").path("rounds").asInt(1)
                + " round(s) of 1, 8 and 64 askers in turn, each count's median round by answers a second:\n\n");
        md.append("| askers | this project: answers/s | p99 ms | plain recipe: answers/s | p99 ms |\n|---|---|---|---|---|\n");
        for (int askers : Probe.CONCURRENCY) {
            JsonNode o = ours.get("concurrent").get(String.valueOf(askers));
            JsonNode p = plain.get("concurrent").get(String.valueOf(askers));
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.0f | %.1f |%n", askers, o.get("perSecond").asDouble(),
                    o.get("latency").get("p99").asDouble(), p.get("perSecond").asDouble(), p.get("latency").get("p99").asDouble()));
        }
        md.append("\nONNX Runtime threads for one question: one (the default, `ADVISOR_ONNX_THREADS=1`) against every "
                + "core (`ADVISOR_ONNX_THREADS=0`, the stock langchain4j model's setting), same workload:\n\n");
        md.append("| threads per question | first ask p50 / p99 ms | 1 asker answers/s | 8 askers answers/s | 8 ÷ 1 |\n"
                + "|---|---|---|---|---|\n");
        for (JsonNode run : List.of(ours, allCores)) {
            double one = run.get("concurrent").get("1").get("perSecond").asDouble();
            double eight = run.get("concurrent").get("8").get("perSecond").asDouble();
            md.append(String.format(Locale.ROOT, "| %s | %.1f / %.1f | %.0f | %.0f | %.2f× |%n",
                    run.get("onnxThreads").asInt() == 0 ? "every core" : String.valueOf(run.get("onnxThreads").asInt()),
                    run.get("firstAsk").get("p50").asDouble(), run.get("firstAsk").get("p99").asDouble(), one, eight,
                    eight / one));
        }
        md.append("\n| memory (process of its own, default heap limit) | peak heap | live heap after GC | peak RSS |\n|---|---|---|---|\n");
        md.append("| this project | ").append(mb(ours.get("peakHeapBytes").asLong())).append(" | ")
                .append(mb(ours.get("liveHeapBytes").asLong())).append(" | ")
                .append(mb(ours.get("peakRssBytes").asLong())).append(" |\n");
        md.append("| plain recipe | ").append(mb(plain.get("peakHeapBytes").asLong())).append(" | ")
                .append(mb(plain.get("liveHeapBytes").asLong())).append(" | ")
                .append(mb(plain.get("peakRssBytes").asLong())).append(" |\n\n");
        md.append("Peak heap counts garbage the JVM had not yet collected under its default limit (a quarter of the "
                + "machine's memory); the live heap is what stays after a collection.\n\n");
        md.append("Answer quality on the same evaluation set (a fact counts when the answer contains it; the plain "
                + "recipe's answer is its 3 segments joined, and it never declines):\n\n");
        md.append("| | facts found | off-topic questions answered |\n|---|---|---|\n");
        quality(md, "this project", ours);
        quality(md, "plain recipe", plain);
        md.append('\n');
    }

    private void load(StringBuilder md) {
        JsonNode latency = load.get("latency");
        md.append("## Load: the bot under many chats\n\n");
        md.append(String.format(Locale.ROOT, "%d chats for %d s through the real bot (own update loop, inbox in SQLite, "
                        + "chat queues, retries) against the tests' Bot API stand-in (`FakeBotApi`); each person asks a "
                        + "new question as soon as the last reply arrives. Telegram's own send limits (about 30 messages a "
                        + "second in all) are not applied here: this is what the machine can answer. The load runs in rounds, in "
                        + "the default heap and in -Xmx" + Benchmark.SMALLEST_HEAP_MB + "m in turn (the targets compare them); the "
                        + "row is the default heap's median round by answers a second.%n%n", load.get("chats").asInt(),
                load.get("seconds").asInt()));
        md.append("| answers | answers/s | latency p50 ms | p99 ms | errors | peak heap | peak RSS |\n|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %d | %s | %s |%n%n", load.get("answers").asInt(),
                load.get("perSecond").asDouble(), latency.get("p50").asDouble(), latency.get("p99").asDouble(),
                load.get("errors").asInt(), mb(load.get("peakHeapBytes").asLong()), mb(load.get("peakRssBytes").asLong())));
    }

    private void scale(StringBuilder md) {
        md.append("## Scale: synthetic knowledge\n\n");
        md.append("Passages are grown from the shipped guides at bench time (real sentences recombined; vectors are the "
                + "real passage vectors plus noise, so neighbours stay meaningful; nothing is committed). Embedding "
                + "that many texts is not timed here: at ~30 ms a passage it is the cold build's cost per passage. "
                + "Search times are per query, over the evaluation questions' real vectors; *hybrid* is this project's "
                + "whole search (vectors, BM25, fusion; HNSW from 20,000 passages, an exact scan below). Each kind is "
                + "timed after a warm-up of its own, the same for all: " + ScaleProbe.WARM_UP_SEARCHES
                + " searches, or as many as run in " + ScaleProbe.WARM_UP_NANOS / 1_000_000_000 + " s (at least "
                + ScaleProbe.WARM_UP_LEAST + "), so the figures are of code the JIT has compiled, as in a bot that "
                + "has been answering a while.\n\n");
        md.append("| passages | build ms: flat / HNSW on every core (on one, Lucene's defaults) / BM25 / InMemory "
                + "| size MB: vectors / HNSW graph (in memory) / BM25 / InMemory (JSON) "
                + "| heap MB: live after build / peak (-Xmx512m up to 10,000) | p50 / p99 ms: flat | HNSW | hybrid | InMemoryEmbeddingStore "
                + "| HNSW recall@10 |\n|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode s : scales) {
            md.append(String.format(Locale.ROOT, "| %,d | %.0f / %.0f (%s) / %.0f / %.0f | %.1f / %.1f / %.1f / %.1f | %.0f / %.0f "
                            + "| %s | %s | %s | %s | %.3f |%n",
                    s.get("passages").asInt(), s.get("flatBuildMs").asDouble(), s.get("hnswBuildMs").asDouble(),
                    s.has("hnswOneWorkerBuildMs") ? String.format(Locale.ROOT, "%.0f", s.get("hnswOneWorkerBuildMs")
                            .asDouble()) : "–", s.get("bm25BuildMs").asDouble(), s.get("inMemoryBuildMs").asDouble(), mbf(s.get("flatBytes")),
                    mbf(s.get("hnswBytes")), mbf(s.get("bm25Bytes")), mbf(s.get("inMemoryBytes")),
                    mbf(s.get("heapAfterBuildBytes")), mbf(s.get("peakHeapBytes")), pair(s.get("flat")), pair(s.get("hnsw")),
                    pair(s.get("hybrid")), pair(s.get("inMemory")), s.get("hnswRecallAt10").asDouble()));
        }
        if (scales.size() > 1) {
            md.append("\nGrowth from the smallest to the largest size (×").append(String.format(Locale.ROOT, "%.0f",
                    scales.get(scales.size() - 1).get("passages").asDouble() / scales.get(0).get("passages").asDouble()))
                    .append(" passages), p50 search time:");
            List<String> growth = new ArrayList<>();
            for (String kind : List.of("flat", "hnsw", "hybrid", "inMemory")) {
                growth.add(String.format(Locale.ROOT, " %s ×%.1f", kind, scales.get(scales.size() - 1).get(kind).get("p50").asDouble()
                        / scales.get(0).get(kind).get("p50").asDouble()));
            }
            md.append(String.join(",", growth)).append(". An exact scan and the InMemoryEmbeddingStore grow with the "
                    + "number of passages; the HNSW graph grows roughly with its logarithm.\n");
        }
    }

    static void row(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    private static void stats(StringBuilder md, String name, JsonNode s) {
        md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", name, s.get("p50").asDouble(),
                s.get("p95").asDouble(), s.get("p99").asDouble(), s.get("max").asDouble()));
    }

    private static void quality(StringBuilder md, String name, JsonNode s) {
        md.append(String.format(Locale.ROOT, "| %s | %d of %d (%.1f%%) | %d of %d |%n", name, s.get("factsFound").asInt(),
                s.get("facts").asInt(), 100.0 * s.get("factsFound").asInt() / s.get("facts").asInt(),
                s.get("offTopicAnswered").asInt(), s.get("offTopic").asInt()));
    }

    private static String pair(JsonNode s) {
        return String.format(Locale.ROOT, "%.2f / %.2f", s.get("p50").asDouble(), s.get("p99").asDouble());
    }

    static String ms(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.1f×", ratio);
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024));
    }

    private static double mbf(JsonNode bytes) {
        return bytes.asLong() / (1024.0 * 1024);
    }
}
