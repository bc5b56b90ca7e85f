package io.github.careeradvisor.answer;

import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import io.github.careeradvisor.retrieval.Retrieval;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Builds an extractive answer the way a mentor would say it: first the sentence of the guides that
 * answers the question best, then at most {@value #MAX_POINTS} more points, each a different fact
 * (near-duplicates left out by maximal marginal relevance), every figure with its source in a short
 * note. Only the items of one list of the guides (each source's range for a level, each stage of the
 * ladder) may run to {@value #MAX_LIST_POINTS}, so a list is not cut in the middle. It states nothing that is not in a retrieved passage.
 */
public final class AnswerComposer {

    /** Aim for answers a phone shows without scrolling. */
    static final int TARGET_CHARS = 700;
    /** Never more than this, whatever the question. */
    static final int MAX_CHARS = 1500;
    /** A quoted list may grow to this many characters with its siblings. */
    static final int LIST_CHARS = 900;
    /** The rest of a list comes with a chosen bullet when within this of the best unit. */
    static final double LIST_MARGIN = 0.20;
    /** An answer quotes the best passages only: further down, sentences match the words but not the question. */
    static final int PASSAGES = 3;
    /** A list's points (each source's range, each title of a level) may run to this many. */
    static final int MAX_LIST_POINTS = 6;
    /** Points after the answer's first sentence. */
    static final int MAX_POINTS = 4;
    /** Units scoring within this of the best one are worth quoting. */
    static final double MARGIN = 0.13;
    /**
     * How much the whole passage's match counts in a sentence's score, against the sentence's own: a
     * sentence is read in the context of its section. Chosen on the evaluation set (0.4 of 0–0.6).
     */
    static final double SECTION_WEIGHT = 0.6;
    /** A sentence from a lower-ranked passage counts this much less per rank: the fused ranking knows the section. */
    static final double RANK_PRIOR = 0.02;
    /** Maximal marginal relevance: how much sharing words with what is already said costs a unit. */
    static final double REDUNDANCY_WEIGHT = 0.25;
    /** Units sharing this share of their words with one already chosen say the same thing: left out. */
    static final double DUPLICATE = 0.6;

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "that", "this", "from", "are",
            "was", "were", "has", "have", "its", "their", "they", "you", "your", "can", "not", "but", "also", "says",
            "such", "more", "than", "into", "about", "each", "which", "who", "what", "how", "when", "where", "all");

    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{L}\\p{N}$,.-]+");
    private static final Pattern PUNCTUATION_AROUND = Pattern.compile("^[,.-]+|[,.-]+$");

    /** A decline names at most this many words no guide uses: the first ones of the question. */
    static final int NAMED_AT_MOST = 3;

    private final String declineText;
    /** The decline's first sentence and the rest, between which a decline names the words no guide uses. */
    private final String declineOpening;
    private final String declineOffer;
    private final Attribution attribution;
    private final Set<String> sourceWords = new HashSet<>();
    /**
     * The words of every unit weighed for an answer so far, by its text: the guides' units, a thousand or
     * so, all the index holds (a caller composing from passages of its own would add theirs).
     */
    private final Map<String, UnitWords> unitWords = new ConcurrentHashMap<>();

    public AnswerComposer(String declineText) {
        this(declineText, List.of());
    }

    /** @param sources the guides' names for their sources, which a short note after a sentence gives instead */
    public AnswerComposer(String declineText, List<String> sources) {
        this(declineText, "", sources);
    }

    /**
     * @param declineOpening the decline's first sentence ("Sorry, that is outside what I know.")
     * @param declineOffer what the decline offers instead, after the words it names
     */
    public AnswerComposer(String declineOpening, String declineOffer, List<String> sources) {
        this.declineOpening = declineOpening;
        this.declineOffer = declineOffer;
        this.declineText = declineOffer.isEmpty() ? declineOpening : declineOpening + " " + declineOffer;
        this.attribution = new Attribution(sources);
        sources.forEach(s -> sourceWords.addAll(words(s)));
    }

    public Answer compose(Retrieval retrieval) {
        return compose(retrieval, List.of());
    }

    /**
     * The same, opening with the best sentence worth quoting that names one of {@code focus} (a word or
     * words, each also in the plural), if one does: what a follow-up asks about in its own words ("PhD" in
     * "what about a PhD?" after a master's question, searched with that question's gist), or the role a
     * question asks about ("AI engineer"), rather than a sentence the search ranked higher for the rest.
     */
    public Answer compose(Retrieval retrieval, List<String> focus) {
        if (!retrieval.relevant() || retrieval.passages().isEmpty()) {
            return decline(retrieval);
        }
        return answer(retrieval.passages(), choose(candidates(retrieval.passages(), PASSAGES), naming(focus)));
    }

    /** Whether a text names one of {@code focus}, as whole words, in any case; null for no focus. */
    private static @Nullable Pattern naming(List<String> focus) {
        if (focus.isEmpty()) {
            return null;
        }
        String either = focus.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("\\b(?:" + either + ")(?:s|es)?\\b", Pattern.CASE_INSENSITIVE);
    }

    /**
     * The decline, naming the question's words no guide uses where they decided it: "Sorry, that is outside
     * what I know: my guides never mention “burnout”. I can help with …".
     */
    private Answer decline(Retrieval retrieval) {
        List<String> words = retrieval.unheard();
        if (words.isEmpty()) {
            return Answer.message(declineText);
        }
        List<String> quoted = words.stream().limit(NAMED_AT_MOST).map(w -> "“" + w + "”").toList();
        String named = quoted.size() == 1 ? quoted.get(0)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
        String opening = declineOpening.endsWith(".") ? declineOpening.substring(0, declineOpening.length() - 1)
                : declineOpening;
        String text = opening + ": my guides never mention " + named + ".";
        return Answer.message(declineOffer.isEmpty() ? text : text + " " + declineOffer);
    }

    /**
     * Answers from the best passage alone: for a question whose answer is one section, such as one
     * level's pay with every source's range.
     */
    public Answer composeBestPassage(Retrieval retrieval) {
        if (!retrieval.relevant() || retrieval.passages().isEmpty()) {
            return decline(retrieval);
        }
        return answer(retrieval.passages(), choose(candidates(retrieval.passages(), 1), null));
    }

    /**
     * A unit's words as {@link #overlap} compares them, its sources' names left out, and those with a
     * digit in them: the same at every answer that quotes the unit, so worked out once for each.
     */
    private record UnitWords(Set<String> words, Set<String> figures) {
    }

    private UnitWords wordsOf(String unit) {
        Set<String> words = words(unit);
        words.removeAll(sourceWords);
        return new UnitWords(Set.copyOf(words), Set.copyOf(figures(words)));
    }

    /** @param figures the words with a digit in them, which {@link #overlap} compares often */
    private record Candidate(int rank, int index, Unit unit, double score, Set<String> words, Set<String> figures) {
    }

    private List<Candidate> candidates(List<RetrievedPassage> passages, int limit) {
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < Math.min(limit, passages.size()); r++) {
            RetrievedPassage rp = passages.get(r);
            List<Unit> units = rp.passage().units();
            for (int u = 0; u < units.size(); u++) {
                Unit unit = units.get(u);
                // A sentence that introduces a list says nothing alone; its bullets carry the facts.
                if (unit.introducesList() || !seen.add(unit.text())) {
                    continue;
                }
                double score = (1 - SECTION_WEIGHT) * rp.unitScores().get(u) + SECTION_WEIGHT * rp.similarity() - RANK_PRIOR * r;
                UnitWords words = unitWords.computeIfAbsent(unit.text(), this::wordsOf);
                candidates.add(new Candidate(r, u, unit, score, words.words(), words.figures()));
            }
        }
        return candidates;
    }

    /**
     * The best unit (the best of those {@code focus} finds in, if any is worth quoting), then by maximal
     * marginal relevance the next best that adds something new.
     */
    private static List<Candidate> choose(List<Candidate> candidates, @Nullable Pattern focus) {
        List<Candidate> chosen = new ArrayList<>();
        if (candidates.isEmpty()) {
            return chosen;
        }
        double best = candidates.stream().mapToDouble(Candidate::score).max().orElseThrow();
        List<Candidate> open = new ArrayList<>(candidates);
        open.removeIf(c -> c.score() < best - MARGIN);
        int chars = 0;
        // The best passage of the fused ranking (meaning and words) always gets its best sentence in:
        // "finance" in the question found the section, even when another sentence is closer in meaning.
        Candidate topOfBest = candidates.stream().filter(c -> c.rank() == 0)
                .max(Comparator.comparingDouble(Candidate::score)).orElse(null);
        Candidate lead = focus == null ? null : open.stream().filter(c -> focus.matcher(c.unit().text()).find())
                .max(Comparator.comparingDouble(Candidate::score)).orElse(null);
        while (!open.isEmpty() && chosen.size() <= MAX_POINTS) {
            if (chosen.size() == 1 && topOfBest != null && !chosen.contains(topOfBest) && open.contains(topOfBest)
                    && overlap(topOfBest, chosen.get(0)) < DUPLICATE) {
                open.remove(topOfBest);
                chosen.add(topOfBest);
                chars += topOfBest.unit().text().length();
                continue;
            }
            Candidate next = chosen.isEmpty() && lead != null ? lead : mostRelevantNew(open, chosen);
            if (next == null) {
                break;
            }
            open.remove(next);
            int length = next.unit().text().length();
            if (!chosen.isEmpty() && chars + length > TARGET_CHARS) {
                continue;
            }
            chosen.add(next);
            chars += length;
            if (chosen.size() == 1) {
                // An answer that opens with a bullet keeps to its list first: the list is the answer.
                for (Candidate other : List.copyOf(open)) {
                    if (sibling(next, other, best) && chosen.size() <= MAX_POINTS && chars + other.unit().text().length()
                            <= LIST_CHARS && overlap(other, next) < DUPLICATE) {
                        chosen.add(other);
                        open.remove(other);
                        chars += other.unit().text().length();
                    }
                }
            }
        }
        // A bullet's siblings that answer nearly as well come along (each source's figure for the same
        // level, each stage of a ladder), within the points and a list's budget.
        for (Candidate c : List.copyOf(chosen)) {
            if (c.unit().kind() != Unit.Kind.BULLET) {
                continue;
            }
            for (Candidate other : candidates) {
                if (sibling(c, other, best) && !chosen.contains(other) && chosen.size() <= MAX_LIST_POINTS
                        && chars + other.unit().text().length() <= LIST_CHARS
                        && chosen.stream().allMatch(o -> overlap(other, o) < DUPLICATE)) {
                    chosen.add(other);
                    chars += other.unit().text().length();
                }
            }
        }
        return chosen;
    }

    /** By maximal marginal relevance, the unit of {@code open} that best adds to {@code chosen}; null if each repeats it. */
    private static @Nullable Candidate mostRelevantNew(List<Candidate> open, List<Candidate> chosen) {
        Candidate next = null;
        double nextValue = Double.NEGATIVE_INFINITY;
        for (Candidate c : open) {
            double overlap = chosen.stream().mapToDouble(o -> overlap(c, o)).max().orElse(0);
            double value = c.score() - REDUNDANCY_WEIGHT * overlap;
            if (overlap < DUPLICATE && value > nextValue) {
                next = c;
                nextValue = value;
            }
        }
        return next;
    }

    /** Another bullet of the same list that answers nearly as well. */
    private static boolean sibling(Candidate bullet, Candidate other, double best) {
        return bullet.unit().kind() == Unit.Kind.BULLET && other.unit().kind() == Unit.Kind.BULLET
                && other.rank() == bullet.rank() && other.unit().block() == bullet.unit().block()
                && other.score() >= best - LIST_MARGIN;
    }

    /** Nothing quotable (every unit introduces a list, say) is a decline, never an empty answer. */
    private Answer answer(List<RetrievedPassage> passages, List<Candidate> chosen) {
        return chosen.isEmpty() ? Answer.message(declineText) : render(passages, chosen);
    }

    /** The first unit as the answer's opening sentence, the rest as points in the guides' order. */
    private Answer render(List<RetrievedPassage> passages, List<Candidate> chosen) {
        List<Answer.Block> blocks = new ArrayList<>();
        blocks.add(new Answer.Paragraph(clip(attribution.compact(chosen.get(0).unit().text()))));
        List<Candidate> rest = new ArrayList<>(chosen.subList(1, chosen.size()));
        rest.sort(Comparator.comparingInt(Candidate::rank).thenComparingInt(Candidate::index));
        if (!rest.isEmpty()) {
            blocks.add(new Answer.Bullets(rest.stream().map(c -> clip(attribution.compact(c.unit().text()))).toList()));
        }
        Map<Integer, RetrievedPassage> used = new LinkedHashMap<>();
        chosen.stream().map(Candidate::rank).sorted().forEach(r -> used.put(r, passages.get(r)));
        List<Answer.Citation> sources = new ArrayList<>();
        Set<String> cited = new LinkedHashSet<>();
        for (RetrievedPassage rp : used.values()) {
            Passage passage = rp.passage();
            if (cited.add(passage.file() + "#" + passage.section())) {
                sources.add(new Answer.Citation(passage.title(), passage.section(), passage.file(),
                        Math.round(rp.similarity() * 100) / 100.0));
            }
        }
        return new Answer(blocks, sources, true);
    }

    /**
     * The share of the smaller unit's words the other one has too; halved when the two give different
     * figures, which makes them different facts however alike their words ("Simplilearn: $70,000 to
     * $120,000" and "the ML Engineer Jobs guide: $80,000 to $110,000").
     */
    private static double overlap(Candidate a, Candidate b) {
        if (a.words().isEmpty() || b.words().isEmpty()) {
            return 0;
        }
        double factor = !a.figures().isEmpty() && !b.figures().isEmpty() && !a.figures().equals(b.figures()) ? 0.5 : 1;
        return factor * share(a.words(), b.words());
    }

    private static Set<String> figures(Set<String> words) {
        Set<String> figures = new HashSet<>();
        words.stream().filter(w -> w.chars().anyMatch(c -> c >= '0' && c <= '9')).forEach(figures::add);
        return figures;
    }

    private static double share(Set<String> a, Set<String> b) {
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        long shared = small.stream().filter(large::contains).count();
        return (double) shared / small.size();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : BETWEEN_WORDS.split(text.toLowerCase(Locale.ROOT))) {
            String word = PUNCTUATION_AROUND.matcher(w).replaceAll("");
            if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** Only a single unit longer than the hard cap is ever shortened, at a word, with an ellipsis. */
    private static String clip(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', MAX_CHARS - 1);
        return text.substring(0, cut > 0 ? cut : MAX_CHARS - 1) + "…";
    }
}
