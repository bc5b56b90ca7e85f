package io.github.careeradvisor.knowledge;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The learning roadmap, read from {@code roadmap.json} in the knowledge folder: topics in learning
 * order, each with its prerequisites, why it matters, and the guide sections that teach it.
 *
 * @param overview the guide section on skills in general: a question it answers best is answered with
 *     the topics in order first; none if left out
 */
public record Roadmap(String title, String note, @Nullable Section overview, List<Topic> topics) {

    public static final String FILE = "roadmap.json";

    /** A guide section, by guide file name (relative to the knowledge folder) and heading. */
    public record Section(String file, String section) {
    }

    /** One thing to learn. */
    public record Topic(String id, String title, String why, List<String> prerequisites, String question,
            List<Section> sections) {
        public Topic {
            prerequisites = List.copyOf(prerequisites);
            sections = List.copyOf(sections);
            if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException("topic id '" + id + "' must be lower-case letters, digits and dashes");
            }
        }
    }

    public Roadmap {
        topics = List.copyOf(topics);
        Set<String> seen = new HashSet<>();
        for (Topic t : topics) {
            for (String p : t.prerequisites()) {
                if (!seen.contains(p)) {
                    throw new IllegalArgumentException("topic '" + t.id() + "' needs '" + p
                            + "', which must be an earlier topic");
                }
            }
            if (!seen.add(t.id())) {
                throw new IllegalArgumentException("topic id '" + t.id() + "' appears twice");
            }
        }
    }

    public static Roadmap load(Path knowledgeDir) {
        return KnowledgeJson.read(knowledgeDir, FILE, Roadmap.class);
    }

    public Optional<Topic> topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return topics.stream().map(Topic::id).toList();
    }
}
