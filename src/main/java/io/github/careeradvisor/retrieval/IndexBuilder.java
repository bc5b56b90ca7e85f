package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the search index for a knowledge base, embedding only the texts the on-disk cache does not
 * hold yet, and writes the cache back.
 */
public final class IndexBuilder {

    private final Embedder embedder;
    private final Path dataDir;
    private final Consumer<String> warnings;

    public IndexBuilder(Embedder embedder, Path dataDir, Consumer<String> warnings) {
        this.embedder = embedder;
        this.dataDir = dataDir;
        this.warnings = warnings;
    }

    /** The index and a report of what was done. */
    public record Built(HybridRetriever retriever, IndexReport report) {
    }

    public Built build(KnowledgeBase knowledge) {
        return build(knowledge, List.of());
    }

    /**
     * The index, with fixed {@code phrases} (the router's examples) embedded through the same on-disk
     * cache, so a start with a warm cache embeds nothing.
     */
    public Built build(KnowledgeBase knowledge, List<String> phrases) {
        // The model loads beside reading the cache and building the word index; the build returns (or
        // fails) only once it has loaded, so no caller can exit while ONNX Runtime is still loading it.
        embedder.loadInBackground();
        try {
            return buildWhileTheModelLoads(knowledge, phrases);
        } finally {
            embedder.awaitLoad();
        }
    }

    private Built buildWhileTheModelLoads(KnowledgeBase knowledge, List<String> phrases) {
        long start = System.nanoTime();
        List<Passage> passages = knowledge.passages();
        // The word index first: it needs no vector, so on an empty data dir it is built while the model
        // is still being copied and saved, instead of after the embedding.
        LexicalIndex lexical = LexicalIndex.open(passages, dataDir.resolve(LexicalIndex.FILE), warnings);
        EmbeddingCache cache = EmbeddingCache.open(dataDir, embedder.modelName(), Embedder.DIMENSIONS, warnings);

        Set<String> texts = new LinkedHashSet<>();
        for (Passage p : passages) {
            texts.add(p.embeddingText());
            for (Unit u : p.units()) {
                texts.add(unitText(p, u));
            }
        }
        int knowledgeTexts = texts.size();
        long knowledgeMissing = texts.stream().filter(t -> cache.get(t).isEmpty()).count();
        // The query cache's form: the model reads a phrase and its lower case the same way. The report
        // counts the guides' texts: the phrases are the program's, not the operator's knowledge.
        List<String> phraseKeys = phrases.stream().map(QueryCache::key).distinct().toList();
        texts.addAll(phraseKeys);
        List<String> missing = texts.stream().filter(t -> cache.get(t).isEmpty()).toList();
        List<float[]> fresh = embedder.embedAll(missing);
        for (int i = 0; i < missing.size(); i++) {
            cache.put(missing.get(i), fresh.get(i));
        }
        cache.retainOnly(new ArrayList<>(texts));
        cache.save(warnings);

        Map<String, float[]> vectors = new HashMap<>();
        for (String t : texts) {
            vectors.put(t, cache.get(t).orElseThrow());
        }
        float[][] passageVectors = new float[passages.size()][];
        float[][][] unitVectors = new float[passages.size()][][];
        for (int p = 0; p < passages.size(); p++) {
            Passage passage = passages.get(p);
            passageVectors[p] = vectors.get(passage.embeddingText());
            List<Unit> units = passage.units();
            unitVectors[p] = new float[units.size()][];
            for (int u = 0; u < units.size(); u++) {
                unitVectors[p][u] = vectors.get(unitText(passage, units.get(u)));
            }
        }
        SearchIndex index = new SearchIndex(passages, passageVectors, unitVectors, lexical.unitTerms(passages), lexical);
        long millis = (System.nanoTime() - start) / 1_000_000;
        IndexReport report = new IndexReport(knowledge.guides().size(), passages.size(), knowledgeTexts,
                (int) knowledgeMissing, knowledgeTexts - (int) knowledgeMissing, millis, cache.file().toString(),
                knowledge.problems());
        Map<String, float[]> phraseVectors = new HashMap<>();
        phraseKeys.forEach(k -> phraseVectors.put(k, vectors.get(k)));
        return new Built(new HybridRetriever(index, embedder, phraseVectors), report);
    }

    /** A unit is embedded with its section heading, which says what the sentence is about. */
    static String unitText(Passage passage, Unit unit) {
        String context = passage.section().isEmpty() ? passage.title() : passage.section();
        return context + ": " + unit.text();
    }
}
