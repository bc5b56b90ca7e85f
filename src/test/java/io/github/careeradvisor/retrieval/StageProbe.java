package io.github.careeradvisor.retrieval;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a question's time goes, stage by stage, timed with System.nanoTime around the same calls the
 * program makes (each stage on every question, the questions new to each stage's caches), and how fast
 * the cold index embeds on one core and on all. Lives beside the package-private code it times.
 */
public final class StageProbe {

    /**
     * Milliseconds per question of each stage, in order; the model's ONNX settings compared; texts a second.
     *
     * @param byLength for each way of embedding, the median milliseconds of one text of each length in word
     *     pieces ({@link #LENGTHS}), [CLS] and [SEP] left out
     * @param questionPieces the evaluation questions' median length in word pieces, counted the same way
     */
    public record Result(Map<String, double[]> stages, Map<String, double[]> onnxSettings,
            Map<String, Double> textsPerSecond, int indexTexts, Map<String, Map<Integer, Double>> byLength,
            int questionPieces) {
    }

    /** The lengths, in word pieces, at which one text's embedding is timed: a short question to a long message. */
    public static final List<Integer> LENGTHS = List.of(8, 16, 32, 64);
    /** Texts timed at each length, each once, after a round of others. */
    private static final int TEXTS_PER_LENGTH = 60;

    private StageProbe() {
    }

    /**
     * Each stage is timed on every question once, after a round over the same questions reworded (the
     * JIT warming up), as a process that has answered a few questions is.
     */
    public static Result run(KnowledgeBase knowledge, Embedder embedder, Path dataDir, List<String> questions,
            Consumer<String> log) {
        List<String> warmUp = questions.stream().map(q -> "please tell me: " + q).toList();
        HybridRetriever retriever = new IndexBuilder(embedder, dataDir, w -> { }).build(knowledge).retriever();
        SearchIndex index = retriever.index;
        MiniLm model = embedder.model();
        SpellingCorrector spelling = new SpellingCorrector(index.passages, model::isWholeWord, embedder::isCommonWord);
        AnswerComposer composer = new AnswerComposer("no answer", knowledge.sourceNames());

        Map<String, double[]> stages = new LinkedHashMap<>();
        for (String s : List.of("tokenize", "onnx", "pool", "mend", "vectors", "bm25", "search", "compose")) {
            stages.put(s, new double[questions.size()]);
        }
        log.accept("stages: " + questions.size() + " questions");
        for (List<String> round : List.of(warmUp, questions)) {
            boolean kept = round == questions;
            for (int q = 0; q < round.size(); q++) {
                long t0 = System.nanoTime();
                String mended = Decades.expand(LevelSynonyms.expand(spelling.correct(round.get(q))));
                long t1 = System.nanoTime();
                MiniLm.Batch batch = MiniLm.Batch.of(List.of(model.tokenize(mended)));
                long t2 = System.nanoTime();
                float[] hidden = model.hidden(batch);
                long t3 = System.nanoTime();
                float[] vector = MiniLm.pool(hidden, batch).get(0);
                long t4 = System.nanoTime();
                index.vectors.search(vector, HybridRetriever.CANDIDATES);
                long t5 = System.nanoTime();
                index.lexical.search(index.lexical.terms(mended), HybridRetriever.CANDIDATES);
                long t6 = System.nanoTime();
                Retrieval found = retriever.retrieve(mended, vector);
                long t7 = System.nanoTime();
                composer.compose(found);
                long t8 = System.nanoTime();
                if (kept) {
                    add(stages, "mend", q, t1 - t0);
                    add(stages, "tokenize", q, t2 - t1);
                    add(stages, "onnx", q, t3 - t2);
                    add(stages, "pool", q, t4 - t3);
                    add(stages, "vectors", q, t5 - t4);
                    add(stages, "bm25", q, t6 - t5);
                    // The whole search: the two rankings again, their fusion, the top passages' sentence scores.
                    add(stages, "search", q, t7 - t6);
                    add(stages, "compose", q, t8 - t7);
                }
            }
        }

        Map<String, double[]> settings = new LinkedHashMap<>();
        log.accept("stages: ONNX Runtime settings and langchain4j's own wrapper");
        time(settings, "langchain4j's wrapper (before)", new AllMiniLmL6V2EmbeddingModel(), warmUp, questions);
        time(settings, "ours, float model (ADVISOR_MODEL=float), 1 thread", new MiniLm(MiniLm.FLOAT, 1), warmUp, questions);
        time(settings, "ours, every core", new MiniLm(MiniLm.FLOAT, 0), warmUp, questions);
        time(settings, "ours, basic graph optimisation", new MiniLm(MiniLm.FLOAT, 1, OptLevel.BASIC_OPT, true),
                warmUp, questions);
        time(settings, "ours, no memory arena", new MiniLm(MiniLm.FLOAT, 1, OptLevel.ALL_OPT, false), warmUp, questions);
        time(settings, "langchain4j's wrapper, quantized model", new AllMiniLmL6V2QuantizedEmbeddingModel(), warmUp,
                questions);
        time(settings, "ours, quantized model, 1 thread (as shipped)", new MiniLm(MiniLm.QUANTIZED, 1),
                warmUp, questions);

        // What a text's length costs: the model's work grows with its word pieces.
        log.accept("stages: one text of " + LENGTHS + " word pieces, the plain recipe's model and ours");
        Map<Integer, List<String>> ofLength = new LinkedHashMap<>();
        for (int pieces : LENGTHS) {
            ofLength.put(pieces, textsOf(model, questions, pieces, 2 * TEXTS_PER_LENGTH));
        }
        Map<String, Map<Integer, Double>> byLength = new LinkedHashMap<>();
        byLength.put("the plain recipe's (langchain4j's wrapper, float model, every core)",
                byLength(new AllMiniLmL6V2EmbeddingModel(), ofLength));
        byLength.put("ours (quantized model, 1 thread, as shipped)", byLength(new MiniLm(MiniLm.QUANTIZED, 1), ofLength));
        int[] asked = questions.stream().mapToInt(q -> model.tokenize(q).ids().length - 2).sorted().toArray();
        int questionPieces = asked[asked.length / 2];

        List<String> texts = new ArrayList<>();
        for (Passage p : knowledge.passages()) {
            texts.add(p.embeddingText());
            for (Unit u : p.units()) {
                texts.add(IndexBuilder.unitText(p, u));
            }
        }
        List<String> distinct = List.copyOf(Set.copyOf(texts));
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> perSecond = new LinkedHashMap<>();
        log.accept("stages: embedding the " + distinct.size() + " index texts, one core and " + cores);
        embedder.embedAll(distinct.subList(0, Math.min(100, distinct.size())), cores, Embedder.BATCH); // warm
        // The quantized model embeds one text a run (Embedder#embedAll), the float one in batches: the way
        // the model given embeds the guides is last, marked.
        boolean batches = !embedder.modelName().equals(MiniLm.QUANTIZED);
        perSecond.put("1 core, one text a run", textsPerSecond(embedder, distinct, 1, 1));
        if (batches) {
            perSecond.put(cores + " cores, one text a run", textsPerSecond(embedder, distinct, cores, 1));
            perSecond.put("1 core, " + Embedder.BATCH + " texts a run", textsPerSecond(embedder, distinct, 1, Embedder.BATCH));
        }
        perSecond.put(cores + (batches ? " cores, " + Embedder.BATCH + " texts a run" : " cores, one text a run")
                + " (as shipped)", textsPerSecond(embedder, distinct, cores, batches ? Embedder.BATCH : 1));
        return new Result(stages, settings, perSecond, distinct.size(), byLength, questionPieces);
    }

    private static void add(Map<String, double[]> stages, String stage, int q, long nanos) {
        stages.get(stage)[q] = nanos / 1e6;
    }

    /** One embedding of each question by {@code model}, timed, after the reworded round. */
    private static void time(Map<String, double[]> out, String name, Object model, List<String> warmUp,
            List<String> questions) {
        time(out, name, model, warmUp, questions, true);
    }

    private static void time(Map<String, double[]> out, String name, Object model, List<String> warmUp,
            List<String> questions, boolean close) {
        double[] times = new double[questions.size()];
        for (List<String> round : List.of(warmUp, questions)) {
            for (int q = 0; q < round.size(); q++) {
                long t = System.nanoTime();
                if (model instanceof MiniLm ours) {
                    ours.embed(round.get(q));
                } else {
                    ((EmbeddingModel) model).embed(TextSegment.from(round.get(q)));
                }
                times[q] = (System.nanoTime() - t) / 1e6;
            }
        }
        if (close && model instanceof MiniLm ours) {
            ours.close();
        }
        out.put(name, times);
    }

    /**
     * Up to {@code count} texts of exactly {@code pieces} word pieces (without [CLS] and [SEP]): runs of the
     * questions' words, each from a different place, as long as they fit; a run that cannot end there is skipped.
     */
    private static List<String> textsOf(MiniLm model, List<String> questions, int pieces, int count) {
        String all = String.join(" ", questions);
        String[] words = all.split("\\s+");
        List<String> texts = new ArrayList<>();
        for (int start = 0; texts.size() < count && start < words.length; start += 7) {
            StringBuilder text = new StringBuilder();
            for (int w = start; w < words.length && model.tokenize(text + " " + words[w]).ids().length - 2 <= pieces; w++) {
                text.append(' ').append(words[w]);
            }
            if (model.tokenize(text.toString()).ids().length - 2 == pieces) {
                texts.add(text.toString().strip());
            }
        }
        return texts;
    }

    /** The median time of one embedding of each text, per length; half the texts a round before, untimed. */
    private static Map<Integer, Double> byLength(Object model, Map<Integer, List<String>> texts) {
        Map<Integer, Double> medians = new LinkedHashMap<>();
        texts.forEach((pieces, all) -> {
            List<String> warm = all.subList(0, all.size() / 2);
            List<String> timed = all.subList(all.size() / 2, all.size());
            Map<String, double[]> out = new LinkedHashMap<>();
            time(out, "", model, warm, timed, false);
            double[] ms = out.get("");
            java.util.Arrays.sort(ms);
            medians.put(pieces, ms[ms.length / 2]);
        });
        if (model instanceof MiniLm ours) {
            ours.close();
        }
        return medians;
    }

    private static double textsPerSecond(Embedder embedder, List<String> texts, int workers, int batch) {
        long t = System.nanoTime();
        embedder.embedAll(texts, workers, batch);
        return texts.size() / ((System.nanoTime() - t) / 1e9);
    }
}
