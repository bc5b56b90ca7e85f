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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds an extractive answer: from the retrieved passages it quotes the sentences and bullets that
 * answer the question best, in the order the guide gives them, and cites where each came from. It
 * states nothing that is not in a retrieved passage.
 */
public final class AnswerComposer {

    /** Aim for answers a phone shows without scrolling. */
    static final int TARGET_CHARS = 700;
    /**
     * A quoted list may grow to this many characters with its siblings: a salary answer needs every
     * source's range. Chosen on the evaluation set (900 of 700–1050): more facts found, a little longer.
     */
    static final int LIST_CHARS = 900;
    /** The sentence that introduces a quoted list may go this far over the list's budget. */
    static final int INTRO_SLACK = 150;
    /** Never more than this, whatever the question. */
    static final int MAX_CHARS = 1500;
    static final int MAX_UNITS = 6;
    /** Units scoring within this of the best one are worth quoting. */
    static final double MARGIN = 0.13;
    /** The rest of a list is quoted with a selected bullet when within this of the best unit. */
    static final double LIST_MARGIN = 0.20;
    /**
     * How much the whole passage's match counts in a sentence's score, against the sentence's own: a
     * sentence is read in the context of its section. Chosen on the evaluation set (0.4 of 0–0.6).
     */
    static final double SECTION_WEIGHT = 0.4;

    private final String declineText;

    public AnswerComposer(String declineText) {
        this.declineText = declineText;
    }

    public Answer compose(Retrieval retrieval) {
        if (!retrieval.relevant() || retrieval.passages().isEmpty()) {
            return Answer.message(declineText);
        }
        List<Candidate> candidates = candidates(retrieval.passages());
        double best = candidates.stream().mapToDouble(Candidate::score).max().orElseThrow();
        Set<Candidate> chosen = choose(candidates, best);
        return render(retrieval.passages(), chosen);
    }

    /**
     * Quotes the best passage whole, in its own order: for a question whose answer is one section, such
     * as one level's pay with every source's range.
     */
    public Answer composeBestPassage(Retrieval retrieval) {
        if (!retrieval.relevant() || retrieval.passages().isEmpty()) {
            return Answer.message(declineText);
        }
        RetrievedPassage best = retrieval.passages().get(0);
        Set<Candidate> all = new LinkedHashSet<>();
        List<Unit> units = best.passage().units();
        for (int u = 0; u < units.size(); u++) {
            all.add(new Candidate(0, u, units.get(u), best.unitScores().get(u)));
        }
        return render(retrieval.passages(), all);
    }

    private record Candidate(int rank, int index, Unit unit, double score) {
    }

    private static List<Candidate> candidates(List<RetrievedPassage> passages) {
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < passages.size(); r++) {
            RetrievedPassage rp = passages.get(r);
            List<Unit> units = rp.passage().units();
            for (int u = 0; u < units.size(); u++) {
                if (seen.add(units.get(u).text())) {
                    double score = (1 - SECTION_WEIGHT) * rp.unitScores().get(u) + SECTION_WEIGHT * rp.similarity();
                    candidates.add(new Candidate(r, u, units.get(u), score));
                }
            }
        }
        return candidates;
    }

    private static Set<Candidate> choose(List<Candidate> candidates, double best) {
        List<Candidate> ranked = candidates.stream()
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()).toList();
        Set<Candidate> chosen = new LinkedHashSet<>();
        int chars = 0;
        for (Candidate c : ranked) {
            if (c.score() < best - MARGIN && !chosen.isEmpty()) {
                break;
            }
            if (!chosen.isEmpty() && (chosen.size() >= MAX_UNITS || chars + c.unit().text().length() > TARGET_CHARS)) {
                continue;
            }
            chosen.add(c);
            chars += c.unit().text().length();
        }
        // A bullet rarely reads alone: quote the sentence that introduces its list, and its siblings
        // that answer nearly as well (each source's figure for the same level, say).
        for (Candidate c : List.copyOf(chosen)) {
            if (c.unit().kind() != Unit.Kind.BULLET) {
                continue;
            }
            for (Candidate other : candidates) {
                boolean sameBlock = other.rank() == c.rank() && other.unit().block() == c.unit().block();
                boolean sameListIntro = other.rank() == c.rank() && other.unit().introducesList()
                        && other.unit().block() == c.unit().block() - 1;
                boolean worthIt = other.unit().kind() == Unit.Kind.BULLET && other.score() >= best - LIST_MARGIN;
                int budget = (sameListIntro ? INTRO_SLACK : 0) + LIST_CHARS;
                if (!chosen.contains(other) && (sameListIntro || sameBlock && worthIt)
                        && chars + other.unit().text().length() <= budget) {
                    chosen.add(other);
                    chars += other.unit().text().length();
                }
            }
        }
        return chosen;
    }

    /** Groups the chosen units by passage, in the guide's own order, and cites each passage used. */
    private static Answer render(List<RetrievedPassage> passages, Set<Candidate> chosen) {
        Map<Integer, TreeSet<Integer>> byPassage = new LinkedHashMap<>();
        chosen.stream().map(Candidate::rank).sorted().forEach(r -> byPassage.put(r, new TreeSet<>()));
        chosen.forEach(c -> byPassage.get(c.rank()).add(c.index()));

        List<Answer.Block> blocks = new ArrayList<>();
        List<Answer.Citation> sources = new ArrayList<>();
        for (Map.Entry<Integer, TreeSet<Integer>> entry : byPassage.entrySet()) {
            RetrievedPassage rp = passages.get(entry.getKey());
            Passage passage = rp.passage();
            StringBuilder paragraph = new StringBuilder();
            List<String> bullets = new ArrayList<>();
            for (int index : entry.getValue()) {
                Unit unit = passage.units().get(index);
                String text = clip(unit.text());
                if (unit.kind() == Unit.Kind.BULLET) {
                    flushParagraph(blocks, paragraph);
                    bullets.add(text);
                } else {
                    flushBullets(blocks, bullets);
                    paragraph.append(paragraph.length() == 0 ? "" : " ").append(text);
                }
            }
            flushParagraph(blocks, paragraph);
            flushBullets(blocks, bullets);
            sources.add(new Answer.Citation(passage.title(), passage.section(), passage.file(),
                    Math.round(rp.similarity() * 100) / 100.0));
        }
        return new Answer(blocks, sources, true);
    }

    /** Only a single unit longer than the hard cap is ever shortened, at a word, with an ellipsis. */
    private static String clip(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', MAX_CHARS - 1);
        return text.substring(0, cut > 0 ? cut : MAX_CHARS - 1) + "…";
    }

    private static void flushParagraph(List<Answer.Block> blocks, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            blocks.add(new Answer.Paragraph(paragraph.toString()));
            paragraph.setLength(0);
        }
    }

    private static void flushBullets(List<Answer.Block> blocks, List<String> bullets) {
        if (!bullets.isEmpty()) {
            blocks.add(new Answer.Bullets(bullets));
            bullets.clear();
        }
    }
}
