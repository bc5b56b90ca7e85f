package io.github.careeradvisor.generation;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a generated reply may reach the user, and if so makes it an answer: every citation
 * names a passage that was given, every figure is in a passage its paragraph cites (in any passage the
 * reply cites, for a paragraph citing none), and the reply is neither empty nor over {@link #MAX_CHARS}.
 * The citation marks are taken out of the text; the passages they name become the sources line.
 */
final class ReplyCheck {

    /** The extractive answer's own cap: a reply a phone shows without much scrolling. */
    static final int MAX_CHARS = 1500;

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\]");
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
    private static final Pattern ENUMERATOR = Pattern.compile("(?m)^\\s*\\d{1,2}[.)]\\s+");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*•]\\s+");
    private static final Pattern MARKUP = Pattern.compile("\\*\\*|__|`|^#{1,6}\\s*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]");

    /** What the check found: the answer to send, or why the reply cannot be used. */
    sealed interface Outcome permits Passed, Failed {
    }

    record Passed(Answer answer) implements Outcome {
    }

    /** @param reason a short fixed phrase for the log; never text the endpoint sent */
    record Failed(String reason) implements Outcome {
    }

    private ReplyCheck() {
    }

    /**
     * @param passages the passages as numbered in the prompt: [1] is the first
     * @param own figures the person's profile states, which the reply may repeat
     */
    static Outcome check(String reply, List<RetrievedPassage> passages, Set<String> own) {
        String text = visible(reply).strip();
        if (text.isEmpty()) {
            return new Failed("an empty reply");
        }
        if (text.length() > MAX_CHARS) {
            return new Failed("a reply over " + MAX_CHARS + " characters");
        }
        List<Set<String>> backed = backed(passages);
        Set<Integer> citedAnywhere = new TreeSet<>();
        List<String> paragraphs = List.of(text.split("\\n\\s*\\n"));
        List<Set<Integer>> citedIn = new ArrayList<>();
        for (String paragraph : paragraphs) {
            Set<Integer> cited = new LinkedHashSet<>();
            Matcher m = CITATION.matcher(paragraph);
            while (m.find()) {
                for (String n : m.group(1).split(",")) {
                    int i = Integer.parseInt(n.strip());
                    if (i < 1 || i > passages.size()) {
                        return new Failed("a citation of a passage not given");
                    }
                    cited.add(i);
                }
            }
            citedIn.add(cited);
            citedAnywhere.addAll(cited);
        }
        if (citedAnywhere.isEmpty()) {
            return new Failed("a reply citing no passage");
        }
        List<Answer.Block> blocks = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            String plain = CITATION.matcher(paragraphs.get(p)).replaceAll("");
            Set<Integer> sources = citedIn.get(p).isEmpty() ? citedAnywhere : citedIn.get(p);
            for (String figure : Figures.stated(ENUMERATOR.matcher(plain).replaceAll(""))) {
                if (!own.contains(figure) && sources.stream().noneMatch(i -> backed.get(i - 1).contains(figure))) {
                    return new Failed("a figure no cited passage states");
                }
            }
            blocks.addAll(blocks(plain));
        }
        if (blocks.isEmpty()) {
            return new Failed("a reply of citations only");
        }
        List<Answer.Citation> citations = new ArrayList<>();
        for (int i : firstCited(text, passages.size())) {
            RetrievedPassage rp = passages.get(i - 1);
            Answer.Citation c = new Answer.Citation(rp.passage().title(), rp.passage().section(), rp.passage().file(),
                    Math.round(rp.similarity() * 100) / 100.0);
            if (!citations.contains(c)) {
                citations.add(c);
            }
        }
        return new Passed(new Answer(blocks, citations, true, List.of(), true));
    }

    /** The figures each passage backs, [1] first. */
    static List<Set<String>> backed(List<RetrievedPassage> passages) {
        return passages.stream().map(rp -> Figures.backed(rp.passage().headline() + "\n" + rp.passage().body()))
                .toList();
    }

    /**
     * What of a reply may be shown at all: without the model's thinking (and without anything after a
     * thinking block not yet closed) and without control characters.
     */
    static String visible(CharSequence reply) {
        String text = THINKING.matcher(reply).replaceAll("");
        int open = text.indexOf("<think>");
        return CONTROL.matcher(open >= 0 ? text.substring(0, open) : text).replaceAll("");
    }

    /**
     * Why a piece of a reply still being written cannot pass the final check whatever follows, or null:
     * it cites a passage that was not given, or states a figure no given passage (nor the profile) backs.
     * Weaker than {@link #check}, which also asks that the figure be in a passage the paragraph cites.
     */
    static @Nullable String hopeless(String piece, List<Set<String>> backed, Set<String> own) {
        Matcher m = CITATION.matcher(piece);
        while (m.find()) {
            for (String n : m.group(1).split(",")) {
                int i = Integer.parseInt(n.strip());
                if (i < 1 || i > backed.size()) {
                    return "a citation of a passage not given";
                }
            }
        }
        for (String figure : Figures.stated(ENUMERATOR.matcher(CITATION.matcher(piece).replaceAll("")).replaceAll(""))) {
            if (!own.contains(figure) && backed.stream().noneMatch(b -> b.contains(figure))) {
                return "a figure no given passage states";
            }
        }
        return null;
    }

    /** A reply's text written so far as the blocks it will make, citation marks out. */
    static List<Answer.Block> draft(String text) {
        List<Answer.Block> blocks = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            blocks.addAll(blocks(CITATION.matcher(paragraph).replaceAll("")));
        }
        return blocks;
    }

    /** The cited passages in the order the reply first cites them. */
    private static Set<Integer> firstCited(String text, int given) {
        Set<Integer> order = new LinkedHashSet<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            for (String n : m.group(1).split(",")) {
                order.add(Integer.parseInt(n.strip()));
            }
        }
        order.removeIf(i -> i < 1 || i > given);
        return order;
    }

    /** A paragraph as blocks: a run of lines starting with a bullet makes a list; Markdown emphasis is dropped. */
    private static List<Answer.Block> blocks(String paragraph) {
        List<Answer.Block> blocks = new ArrayList<>();
        List<String> prose = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String raw : paragraph.lines().toList()) {
            String line = MARKUP.matcher(raw).replaceAll("").replaceAll("\\s+([.,;:])", "$1")
                    .replaceAll("\\s{2,}", " ").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher bullet = BULLET.matcher(line);
            if (bullet.find()) {
                flush(prose, blocks);
                items.add(line.substring(bullet.end()));
            } else {
                if (!items.isEmpty()) {
                    blocks.add(new Answer.Bullets(items));
                    items.clear();
                }
                prose.add(line);
            }
        }
        flush(prose, blocks);
        if (!items.isEmpty()) {
            blocks.add(new Answer.Bullets(items));
        }
        return blocks;
    }

    private static void flush(List<String> prose, List<Answer.Block> blocks) {
        if (!prose.isEmpty()) {
            blocks.add(new Answer.Paragraph(String.join(" ", prose)));
            prose.clear();
        }
    }
}
