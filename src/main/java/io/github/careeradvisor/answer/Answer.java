package io.github.careeradvisor.answer;

import io.github.careeradvisor.chart.Chart;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reply as a small structured value, so each front end renders it its own way: the terminal as plain
 * text, Telegram as HTML.
 *
 * @param grounded true when the blocks were taken from the knowledge; false for a decline, a greeting
 *     or a notice, which carry no sources
 * @param generated true when a language model phrased it from the passages and the wording passed the
 *     checks (README, "Use a language model"); false for the extractive answer
 * @param chart a picture of the same facts (README, "Charts"), which Telegram sends as a photo before
 *     the text and the terminal leaves out; null for most answers
 */
public record Answer(List<Block> blocks, List<Citation> sources, boolean grounded, List<Choice> choices,
        boolean generated, @Nullable Chart chart) {

    public Answer {
        blocks = List.copyOf(blocks);
        sources = List.copyOf(sources);
        choices = List.copyOf(choices);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("an answer says something");
        }
        if (!grounded && !sources.isEmpty()) {
            throw new IllegalArgumentException("only a grounded answer has sources");
        }
        if (generated && sources.isEmpty()) {
            throw new IllegalArgumentException("a generated answer cites its sources");
        }
    }

    public Answer(List<Block> blocks, List<Citation> sources, boolean grounded, List<Choice> choices,
            boolean generated) {
        this(blocks, sources, grounded, choices, generated, null);
    }

    public Answer(List<Block> blocks, List<Citation> sources, boolean grounded, List<Choice> choices) {
        this(blocks, sources, grounded, choices, false);
    }

    public Answer(List<Block> blocks, List<Citation> sources, boolean grounded) {
        this(blocks, sources, grounded, List.of());
    }

    /** A reply that does not come from the knowledge: help, a greeting, a decline, a notice. */
    public static Answer message(String... paragraphs) {
        return new Answer(List.of(paragraphs).stream().<Block>map(Paragraph::new).toList(), List.of(), false);
    }

    /**
     * The same answer led by a few words saying what the question was understood as ("Senior ML engineer
     * pay:"): on the first paragraph's line, so the reply's first line still answers ("Senior ML engineer
     * pay: Experienced ML engineers can earn …"); a line of its own above a list.
     */
    public Answer withHeading(String line) {
        List<Block> more = new java.util.ArrayList<>(blocks);
        if (!more.isEmpty() && more.get(0) instanceof Paragraph first) {
            more.set(0, new Paragraph(line + " " + first.text()));
        } else {
            more.add(0, new Paragraph(line));
        }
        return new Answer(more, sources, grounded, choices, generated, chart);
    }

    /** Whether the first paragraph begins with {@code words}: a heading saying the same again is left out. */
    public boolean opensWith(String words) {
        return opening().startsWith(words);
    }

    /** The text of the first paragraph, or empty if the answer does not open with one. */
    public String opening() {
        return !blocks.isEmpty() && blocks.get(0) instanceof Paragraph first ? first.text() : "";
    }

    /** This answer and then {@code next}, as one reply: for a message that asks two things. */
    public Answer followedBy(Answer next) {
        List<Block> more = new java.util.ArrayList<>(blocks);
        more.addAll(next.blocks);
        List<Citation> cited = new java.util.ArrayList<>(sources);
        next.sources.stream().filter(c -> !cited.contains(c)).forEach(cited::add);
        List<Choice> both = new java.util.ArrayList<>(choices);
        next.choices.stream().filter(c -> !both.contains(c)).forEach(both::add);
        return new Answer(more, grounded || next.grounded ? cited : List.of(), grounded || next.grounded, both,
                generated || next.generated, chart != null ? chart : next.chart);
    }

    /** The same answer with a note added at the end (e.g. that a long question was cut). */
    public Answer withNote(String note) {
        List<Block> more = new java.util.ArrayList<>(blocks);
        more.add(new Paragraph(note));
        return new Answer(more, sources, grounded, choices, generated, chart);
    }

    /** The same answer with a picture of its facts. */
    public Answer withChart(Chart picture) {
        return new Answer(blocks, sources, grounded, choices, generated, picture);
    }


    /** One piece of an answer's body. */
    public sealed interface Block permits Paragraph, Bullets {
    }

    public record Paragraph(String text) implements Block {
        public Paragraph {
            if (text.isBlank()) {
                throw new IllegalArgumentException("an empty paragraph");
            }
        }
    }

    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("an empty list");
            }
        }
    }

    /**
     * A follow-up a person can pick instead of typing it: a button on Telegram.
     *
     * @param command what picking it sends, as if typed, e.g. {@code /level junior}
     * @param row choices with the same row (not empty) are shown side by side, e.g. the three buttons of
     *     one topic under /next; the others two a row
     */
    public record Choice(String label, String command, String row) {
        public Choice {
            if (label.isBlank() || !command.startsWith("/")) {
                throw new IllegalArgumentException("a choice needs a label and a command, got '" + command + "'");
            }
        }

        public Choice(String label, String command) {
            this(label, command, "");
        }
    }

    /** Where part of an answer comes from. */
    public record Citation(String title, String section, String file, double score) {
    }
}
