package io.github.careeradvisor.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.careeradvisor.knowledge.Passage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the passages for a question two ways, by meaning (cosine of all-MiniLM-L6-v2 vectors, an exact
 * scan) and by words (Lucene BM25), and fuses the two rankings with reciprocal rank fusion. Below a
 * relevance floor the question is judged outside the knowledge and nothing is returned.
 */
public final class HybridRetriever implements AutoCloseable {

    /** How far down each ranking fusion looks. */
    static final int CANDIDATES = 20;
    /** The usual reciprocal-rank-fusion constant: damps the difference between the very first ranks. */
    static final int RRF_K = 60;
    /**
     * The word ranking counts a little more than the meaning ranking in the fusion: in this domain exact
     * words (exam codes, titles, names) matter. Chosen on the evaluation set (1.5 of 0.5–1.5).
     */
    static final double WORDS_WEIGHT = 1.5;
    /** Passages handed to the answer. */
    static final int TOP = 4;
    /**
     * Questions whose best cosine similarity to any passage or quotable sentence is below this are
     * declined. Chosen from the evaluation set's on-topic and off-topic questions (see AdvisorEvaluationTest).
     */
    static final double RELEVANCE_FLOOR = 0.40;
    /**
     * A question with a word no guide uses in any form ("burnout", "visas") is declined when, the guides'
     * common direction (their centroid: "ML careers") taken out of both vectors, no candidate passage or
     * sentence is at least this similar to it: the word is then the question's subject, and the passages
     * match only its "ML engineer". Chosen on src/test/resources/eval/uncovered.json's tuning part.
     */
    static final double SUBJECT_FLOOR = 0.40;
    /**
     * Below this many passages the test is not made: the centroid of a handful is near each of them, not
     * a direction they share. The shipped guides have about 280.
     */
    static final int SUBJECT_MIN_PASSAGES = 50;
    /** How much sharing words with the question adds to a sentence's meaning score. */
    static final double WORD_OVERLAP_WEIGHT = 0.15;

    /** Package-private: the scale benchmark grows synthetic knowledge from it. */
    final SearchIndex index;
    private final SpellingCorrector spelling;
    private final QueryCache queries;
    /** The guides' common direction, and how far along it each passage and sentence lies. */
    private final float[] centroid;
    private final float[] passageAlong;
    private final float[][] unitAlong;
    private final Map<String, Integer> positions = new HashMap<>();
    /**
     * Questions prepared and searches made lately. A turn prepares and searches the same text more
     * than once (read alone, then handled; a fixed question such as a pay band's at every pay question),
     * and the index never changes, so the second time is a lookup.
     */
    private final Cache<String, Query> prepared = Caffeine.newBuilder().maximumSize(RECENT).build();
    private final Cache<Search, Retrieval> searched = Caffeine.newBuilder().maximumSize(RECENT).build();

    /** How many prepared questions, and how many searches, are remembered. */
    static final int RECENT = 1_000;

    /** A search's inputs; the vector by identity, as the query cache hands out one array per text. */
    private record Search(String text, float[] vector, Set<String> shown, double floor) {
    }

    HybridRetriever(SearchIndex index, Embedder embedder) {
        this(index, embedder, Map.of());
    }

    /** @param phrases vectors already known for fixed phrases, kept in the query cache */
    HybridRetriever(SearchIndex index, Embedder embedder, Map<String, float[]> phrases) {
        this.index = index;
        this.spelling = new SpellingCorrector(index.passages, embedder::isWholeWord, embedder::isCommonWord);
        this.centroid = centroid(index.passageVectors);
        this.passageAlong = new float[index.passageVectors.length];
        this.unitAlong = new float[index.passageVectors.length][];
        for (int p = 0; p < passageAlong.length; p++) {
            passageAlong[p] = (float) SearchIndex.dot(index.passageVectors[p], centroid);
            unitAlong[p] = new float[index.unitVectors[p].length];
            for (int u = 0; u < unitAlong[p].length; u++) {
                unitAlong[p][u] = (float) SearchIndex.dot(index.unitVectors[p][u], centroid);
            }
        }
        this.queries = new QueryCache(embedder, QueryCache.DEFAULT_ENTRIES + phrases.size());
        phrases.forEach(queries::put);
        for (int p = 0; p < index.passages.size(); p++) {
            positions.put(index.passages.get(p).id(), p);
        }
    }

    /** How many words a text has (of three letters or more), and how many of them the guides never use. */
    public record Wording(int words, int unknown) {
    }

    /**
     * The text's words against the guides' own, as typed (a slip counts as unknown): "calories"
     * and "banana" are words no guide uses, a sign that a question is about something else.
     */
    public Wording wording(String text) {
        return spelling.wording(text);
    }

    /**
     * Forgets the questions prepared and the searches made lately, so the next ones run in full: the
     * advisor's warm-up asks its messages again, and a search remembered would leave its code unrun.
     * People's are forgotten too, when it runs beside them: they cost a search again, not a model run
     * (their vectors stay in the query cache).
     */
    public void forgetRecent() {
        prepared.invalidateAll();
        searched.invalidateAll();
    }

    public Retrieval retrieve(String asked) {
        return retrieve(prepare(asked), Set.of());
    }

    /** The question corrected, expanded and embedded: what {@link #retrieve(Query, Set)} searches with. */
    public Query prepare(String asked) {
        Query known = prepared.getIfPresent(asked);
        if (known != null) {
            return known;
        }
        String question = Decades.expand(LevelSynonyms.expand(spelling.correct(asked)));
        Query query;
        try {
            query = new Query(question, queries.embed(question));
        } catch (IllegalArgumentException e) {
            // The model refuses text with no word pieces at all: nothing to look for.
            query = new Query(question, null);
        }
        prepared.put(asked, query);
        return query;
    }

    /**
     * The passages for a prepared question, leaving out the sections in {@code shown} ({@code file#section},
     * what an earlier answer already quoted, when a person asks for more).
     */
    public Retrieval retrieve(Query query, Set<String> shown) {
        return retrieve(query, shown, RELEVANCE_FLOOR);
    }

    /**
     * The same with another relevance floor: a short question read with its conversation's gist may be
     * judged by a lower one (the advisor checks what it finds has the question's own words).
     */
    public Retrieval retrieve(Query query, Set<String> shown, double floor) {
        if (query.vector() == null) {
            return new Retrieval(List.of(), 0, false);
        }
        Search search = new Search(query.text(), query.vector(), Set.copyOf(shown), floor);
        Retrieval known = searched.getIfPresent(search);
        if (known == null) {
            known = retrieve(query.text(), query.vector(), shown, floor);
            searched.put(search, known);
        }
        return known;
    }

    /**
     * Every passage whose text has {@code exact} in it (an exam code, say), for a name that must not be
     * mistaken for a similar one; first the passage whose sentence naming it answers the question best.
     */
    public Retrieval retrieveMentioning(Query query, String exact) {
        if (query.vector() == null) {
            return new Retrieval(List.of(), 0, false);
        }
        Set<String> queryTerms = index.lexical.terms(query.text());
        List<RetrievedPassage> found = new ArrayList<>();
        Map<RetrievedPassage, Double> naming = new IdentityHashMap<>(); // each one's best sentence score
        double best = 0;
        for (int p = 0; p < index.passages.size(); p++) {
            Passage passage = index.passages.get(p);
            if (!passage.body().contains(exact)) {
                continue;
            }
            List<Double> unitScores = new ArrayList<>();
            double bestUnit = passage.units().isEmpty() ? -1 : Double.NEGATIVE_INFINITY;
            for (int u = 0; u < passage.units().size(); u++) {
                double meaning = SearchIndex.dot(query.vector(), index.unitVectors[p][u]);
                boolean names = passage.units().get(u).text().contains(exact);
                double score = meaning + WORD_OVERLAP_WEIGHT * overlap(queryTerms, index.unitTerms.get(p).get(u))
                        - (names ? 0 : 1); // a unit that does not name it is about something else
                unitScores.add(score);
                bestUnit = Math.max(bestUnit, score);
            }
            double similarity = SearchIndex.dot(query.vector(), index.passageVectors[p]);
            best = Math.max(best, similarity);
            RetrievedPassage retrieved = new RetrievedPassage(passage, similarity, similarity, unitScores);
            found.add(retrieved);
            naming.put(retrieved, bestUnit);
        }
        // Ranked by the best sentence that names it: a passage about something else may name it in passing.
        found.sort(java.util.Comparator.comparingDouble((RetrievedPassage r) -> naming.get(r)).reversed());
        List<RetrievedPassage> top = found.subList(0, Math.min(TOP, found.size()));
        return new Retrieval(top, best, !top.isEmpty());
    }

    /**
     * Whether one passage of the index has a word of {@code question} in it, as the word search reads
     * words (stemmed, without stop words): evidence that the passage is about what was asked.
     */
    public boolean sharesWords(String question, Passage passage) {
        Integer p = positions.get(passage.id());
        if (p == null) {
            return false;
        }
        Set<String> asked = index.lexical.terms(question);
        return index.unitTerms.get(p).stream().anyMatch(unit -> unit.stream().anyMatch(asked::contains));
    }

    /** How an answer's citations name a passage's section, which {@link #retrieve(Query, Set)} leaves out when asked. */
    public static String sectionKey(Passage passage) {
        return sectionKey(passage.file(), passage.section());
    }

    /** The same key for a section named by its file and heading, as an answer's citation names it. */
    public static String sectionKey(String file, String section) {
        return file + "#" + section;
    }

    /** Vectors for fixed phrases (the router's examples); the index build put them in the cache. */
    public List<float[]> vectors(List<String> phrases) {
        return phrases.stream().map(queries::embed).toList();
    }

    /** The search itself, for a question already corrected and embedded. */
    Retrieval retrieve(String question, float[] query) {
        return retrieve(question, query, Set.of(), RELEVANCE_FLOOR);
    }

    private Retrieval retrieve(String question, float[] query, Set<String> shown, double floor) {
        Map<Integer, Double> fused = new HashMap<>();
        List<VectorSearch.Hit> byMeaning = index.vectors.search(query, CANDIDATES);
        for (int rank = 0; rank < byMeaning.size(); rank++) {
            fused.merge(byMeaning.get(rank).index(), 1.0 / (RRF_K + rank + 1), Double::sum);
        }
        // Analysed once: the terms serve the BM25 search and the sentence scores below.
        Set<String> queryTerms = index.lexical.terms(question);
        List<LexicalIndex.Hit> byWords = index.lexical.search(queryTerms, CANDIDATES);
        for (int rank = 0; rank < byWords.size(); rank++) {
            fused.merge(byWords.get(rank).passage(), WORDS_WEIGHT / (RRF_K + rank + 1), Double::sum);
        }
        Map<Integer, Double> similarity = new HashMap<>();
        fused.keySet().forEach(p -> similarity.put(p, SearchIndex.dot(query, index.passageVectors[p])));
        List<Integer> top = fused.entrySet().stream()
                .filter(e -> !shown.contains(sectionKey(index.passages.get(e.getKey()))))
                .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed()
                        .thenComparing(e -> -similarity.get(e.getKey())))
                .limit(TOP)
                .map(Map.Entry::getKey)
                .toList();

        double best = byMeaning.isEmpty() ? 0 : byMeaning.get(0).similarity();
        List<String> unheard = index.passages.size() < SUBJECT_MIN_PASSAGES ? List.of()
                : spelling.worthNaming(spelling.unheard(question));
        double subject = unheard.isEmpty() ? 1 : subjectSimilarity(query, fused.keySet());
        List<RetrievedPassage> found = new ArrayList<>();
        for (int p : top) {
            Passage passage = index.passages.get(p);
            List<Double> unitScores = new ArrayList<>();
            for (int u = 0; u < passage.units().size(); u++) {
                double meaning = SearchIndex.dot(query, index.unitVectors[p][u]);
                best = Math.max(best, meaning);
                unitScores.add(meaning + WORD_OVERLAP_WEIGHT * overlap(queryTerms, index.unitTerms.get(p).get(u)));
            }
            found.add(new RetrievedPassage(passage, similarity.get(p), fused.get(p), unitScores));
        }
        if (best >= floor && subject < SUBJECT_FLOOR) {
            return new Retrieval(List.of(), best, false, unheard);
        }
        boolean relevant = best >= floor;
        return new Retrieval(relevant ? found : List.of(), best, relevant);
    }

    /**
     * The best similarity of the question to a candidate passage or sentence once the guides' common
     * direction is taken out of both: for unit vectors q and s at a and b along it, (q·s − ab) over
     * √(1 − a²)·√(1 − b²).
     */
    private double subjectSimilarity(float[] query, Set<Integer> candidates) {
        double a = SearchIndex.dot(query, centroid);
        double qNorm = Math.sqrt(Math.max(1e-9, 1 - a * a));
        double best = -1;
        for (int p : candidates) {
            best = Math.max(best, residual(SearchIndex.dot(query, index.passageVectors[p]), a, qNorm, passageAlong[p]));
            for (int u = 0; u < unitAlong[p].length; u++) {
                best = Math.max(best, residual(SearchIndex.dot(query, index.unitVectors[p][u]), a, qNorm, unitAlong[p][u]));
            }
        }
        return best;
    }

    private static double residual(double dot, double a, double qNorm, double b) {
        return (dot - a * b) / (qNorm * Math.sqrt(Math.max(1e-9, 1 - b * b)));
    }

    private static float[] centroid(float[][] vectors) {
        float[] sum = new float[vectors.length == 0 ? 0 : vectors[0].length];
        for (float[] v : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        double norm = Math.sqrt(SearchIndex.dot(sum, sum));
        for (int i = 0; i < sum.length && norm > 0; i++) {
            sum[i] /= norm;
        }
        return sum;
    }

    private static double overlap(Set<String> query, Set<String> unit) {
        if (query.isEmpty()) {
            return 0;
        }
        long shared = query.stream().filter(unit::contains).count();
        return (double) shared / query.size();
    }

    @Override
    public void close() {
        index.close();
    }
}
