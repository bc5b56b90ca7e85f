package io.github.careeradvisor.generation;

import io.github.careeradvisor.App;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.Drafts;
import io.github.careeradvisor.bench.Sections;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.metrics.Percentiles;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.Embedder;
import io.github.careeradvisor.retrieval.Retrieval;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generated answers against the OpenAI-compatible stand-in on 127.0.0.1 (README, "Use a language model"):
 * time to the first streamed text and to the final answer, beside the extractive answer to the same
 * questions in the same process, and what the checks cost a reply (the sentence checks while it streams
 * and the whole check at its end), timed on the very replies and passages of the run. Writes its section of
 * BENCHMARKS.md.
 *
 * <p>{@code java -cp target/career-advisor.jar:target/test-classes io.github.careeradvisor.generation.GenerationProbe [FILE]}
 */
public final class GenerationProbe {

    public static final String HEADING = "## Generated answers: streaming and checks";
    /** Questions the guides answer in prose, so the model phrases them (pay, exams and the roadmap are tables). */
    static final List<String> QUESTIONS = List.of(
            "how is an ML engineer different from a data scientist?",
            "what does a machine learning engineer do day to day?",
            "is a data scientist the same as an ML engineer?",
            "what is an AI engineer?",
            "do I need a degree to become an ML engineer?",
            "why is python used so much in machine learning?",
            "what math do I need for machine learning?",
            "which industries hire ML engineers?",
            "what is MLOps?",
            "how do I build a portfolio as a future ML engineer?",
            "what tools do ML engineers use?",
            "is machine learning engineering a good career?",
            "what is deep learning?",
            "what soft skills matter for ML engineers?",
            "what is the difference between AI and machine learning?",
            "how do ML engineers deploy models?");
    static final int ROUNDS = 3;
    /** The stand-in writes 6 characters a piece: 25 ms apart is about 60 tokens a second, a small model on a GPU. */
    static final long CHUNK_MILLIS = 25;
    static final int CHECK_REPEATS = 200;

    /** One reply the model phrased: what the checks were given. */
    private record Checked(List<RetrievedPassage> numbered, String profileLine, String reply) {
    }

    private GenerationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        Path data = Path.of("target", "generation-probe");
        Embedder embedder = new Embedder(Settings.DEFAULT_ONNX_THREADS);
        List<Checked> checked = new CopyOnWriteArrayList<>();
        try (FakeModelApi model = new FakeModelApi();
                App.Started withModel = App.start(settings(data, Map.of(Settings.LLM_URL, model.url(),
                        Settings.LLM_MODEL, "stand-in", Settings.LLM_TIMEOUT, "60")), embedder, w -> { },
                        phrasing -> recording(phrasing, model, checked));
                App.Started extractive = App.start(settings(data, Map.of()), embedder, w -> { })) {
            model.mode(FakeModelApi.Mode.FAITHFUL_LONG);
            model.chunkMillis(CHUNK_MILLIS);
            for (String q : QUESTIONS.subList(0, 3)) { // warm both, as a running bot is
                ask(withModel, 1, q);
                ask(extractive, 1, q);
            }
            checked.clear();
            List<Double> firstText = new ArrayList<>();
            List<Double> finalGenerated = new ArrayList<>();
            List<Double> finalExtractive = new ArrayList<>();
            int generated = 0;
            int asked = 0;
            java.util.Set<String> notPhrased = new java.util.TreeSet<>();
            long user = 1_000;
            for (int round = 0; round < ROUNDS; round++) {
                for (String question : QUESTIONS) {
                    asked++;
                    long[] t = ask(withModel, ++user, question);
                    if (t[2] == 0) {
                        notPhrased.add(question);
                    }
                    if (t[2] == 1) {
                        generated++;
                        finalGenerated.add(t[0] / 1e6);
                        if (t[1] > 0) {
                            firstText.add(t[1] / 1e6);
                        }
                    }
                    finalExtractive.add(ask(extractive, ++user, question)[0] / 1e6);
                }
            }
            List<Double> checks = new ArrayList<>();
            for (Checked c : checked) {
                checks.add(checkMillis(c));
            }
            String section = section(asked, generated, firstText, finalGenerated, finalExtractive, checks)
                    + (notPhrased.isEmpty() ? "" : "\nAnswered without the model at least once (routed to a table, "
                    + "or the model's reply did not pass): " + String.join("; ", notPhrased.stream()
                            .map(q -> "\"" + q + "\"").toList()) + ".\n");
            System.out.print(section);
            String old = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            Files.writeString(out, Sections.replace(old, HEADING, section), StandardCharsets.UTF_8);
        }
    }

    private static Settings settings(Path data, Map<String, String> model) {
        Map<String, String> env = new HashMap<>(Map.of(Settings.KNOWLEDGE_DIR, "knowledge",
                Settings.DATA_DIR, data.toString()));
        env.putAll(model);
        return Settings.fromEnvironment(env);
    }

    /**
     * Asks as a new person and forgets them after: {total nanos, nanos to the first draft or 0, 1 if the
     * answer was generated}.
     */
    private static long[] ask(App.Started app, long user, String question) {
        AtomicLong first = new AtomicLong();
        long start = System.nanoTime();
        Drafts drafts = soFar -> first.compareAndSet(0, System.nanoTime());
        Answer answer = app.advisor().reply(user, user, question, drafts);
        long total = System.nanoTime() - start;
        app.advisor().reply(user, "/forget");
        return new long[] {total, first.get() == 0 ? 0 : first.get() - start, answer.generated() ? 1 : 0};
    }

    /** The model's part, unchanged, noting what each phrased reply was checked against. */
    private static Phrasing recording(Phrasing model, FakeModelApi api, List<Checked> checked) {
        return new Phrasing() {
            @Override
            public Turn turn(List<String> recent, Drafts drafts) {
                Turn turn = model.turn(recent, drafts);
                return new Turn() {
                    @Override
                    public Optional<String> standalone(String followUp) {
                        return turn.standalone(followUp);
                    }

                    @Override
                    public Answer phrase(Retrieval found, String question, Profile profile, Answer extractive) {
                        Answer answer = turn.phrase(found, question, profile, extractive);
                        List<String> replies = api.replies();
                        if (answer.generated() && !replies.isEmpty()) {
                            checked.add(new Checked(GroundedPrompt.numbered(found.passages()),
                                    GroundedPrompt.profileLine(profile), replies.get(replies.size() - 1)));
                        }
                        return answer;
                    }
                };
            }

            @Override
            public Optional<Counts> counts() {
                return model.counts();
            }
        };
    }

    /** The median time of the checks one reply gets, fed in the stand-in's pieces, over many repeats. */
    private static double checkMillis(Checked c) {
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < CHECK_REPEATS; r++) {
            long start = System.nanoTime();
            StreamedReply stream = new StreamedReply(ReplyCheck.backed(c.numbered()), Figures.stated(c.profileLine()),
                    Drafts.NONE);
            for (int i = 0; i < c.reply().length(); i += 6) {
                stream.add(c.reply().substring(i, Math.min(c.reply().length(), i + 6)));
            }
            ReplyCheck.Outcome outcome = ReplyCheck.check(c.reply(), c.numbered(), Figures.stated(c.profileLine()));
            times.add((System.nanoTime() - start) / 1e6);
            if (!(outcome instanceof ReplyCheck.Passed)) {
                throw new IllegalStateException("a reply that passed in the run failed when timed: " + c.reply());
            }
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    private static String section(int asked, int generated, List<Double> firstText, List<Double> finalGenerated,
            List<Double> finalExtractive, List<Double> checks) {
        double extractiveP50 = p(finalExtractive, 0.50);
        double generatedP50 = p(finalGenerated, 0.50);
        StringBuilder s = new StringBuilder(HEADING).append("\n\n");
        s.append("`java -cp target/career-advisor.jar:target/test-classes io.github.careeradvisor.generation.GenerationProbe` ")
                .append("(after `mvn -B -q -DskipTests package`), on ")
                .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).append(", load average ")
                .append(loadAverage()).append(". ")
                .append(QUESTIONS.size()).append(" questions the guides answer in prose, each asked ").append(ROUNDS)
                .append(" times by a new person, with the model set (the OpenAI-compatible stand-in on 127.0.0.1, ")
                .append("streaming 6 characters every ").append(CHUNK_MILLIS)
                .append(" ms, about 60 tokens a second, its reply one sentence of each of the first three passages) ")
                .append("and, in the same process, without it. ").append(generated).append(" of ").append(asked)
                .append(" answers were phrased and passed the checks; only those are timed with the model.\n\n");
        s.append("| | n | p50 | p99 |\n|---|---|---|---|\n");
        row(s, "time to the first streamed text (model)", firstText);
        row(s, "time to the final answer (model)", finalGenerated);
        row(s, "time to the answer without a model (extractive)", finalExtractive);
        row(s, "checks of one reply: each sentence as it streams, then the whole reply", checks);
        s.append(String.format(Locale.ROOT, "%nThe checks take %.2f%% of a generated answer's time at the median "
                + "(%.3f ms of %.0f ms): the wait is the model writing. The first checked sentence is shown after "
                + "%.0f ms at the median, %.1f× the extractive answer's %.0f ms; the finished answer comes %.1f× "
                + "later than the extractive one. With a real model both grow with its speed; the checks do not.%n",
                100 * p(checks, 0.50) / generatedP50, p(checks, 0.50), generatedP50, p(firstText, 0.50),
                p(firstText, 0.50) / extractiveP50, extractiveP50, generatedP50 / extractiveP50));
        return s.toString();
    }

    private static void row(StringBuilder s, String what, List<Double> millis) {
        s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", what, millis.size(), ms(p(millis, 0.50)),
                ms(p(millis, 0.99))));
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 1 ? "%.3f ms" : millis < 10 ? "%.1f ms" : "%.0f ms", millis);
    }

    private static double p(List<Double> values, double rank) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : Percentiles.nearestRank(sorted, rank);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
