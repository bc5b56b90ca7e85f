package io.github.careeradvisor.knowledge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A retrievable piece of a guide: one section, or a run of paragraphs of a long section, small enough
 * for the embedding model to read whole.
 *
 * @param id stable within one knowledge base: {@code file#n}
 * @param section the heading path inside the guide, e.g. {@code "Salaries by level > Entry level"}
 * @param topics the keywords of the guide the passage comes from
 */
public record Passage(String id, String file, String title, String section, List<String> topics, List<Unit> units) {

    public Passage {
        topics = List.copyOf(topics);
        units = List.copyOf(units);
        if (units.isEmpty()) {
            throw new IllegalArgumentException("passage " + id + " has no text");
        }
    }

    /** The passage body as plain text, bullets on their own lines. */
    public String body() {
        return units.stream()
                .map(u -> u.kind() == Unit.Kind.BULLET ? "- " + u.text() : u.text())
                .collect(Collectors.joining("\n"));
    }

    /** What the embedding model reads: where the passage sits, then its text. */
    public String embeddingText() {
        return headline() + "\n" + body();
    }

    /** "Guide title: section". */
    public String headline() {
        return section.isEmpty() ? title : title + ": " + section;
    }
}
