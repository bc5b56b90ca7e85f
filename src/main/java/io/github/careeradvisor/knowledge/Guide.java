package io.github.careeradvisor.knowledge;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One Markdown guide of the knowledge base: its front matter and its body.
 *
 * @param file the path shown to users, e.g. {@code knowledge/salaries.md}
 * @param bodyStartLine the 1-based line of the file where {@code body} begins
 */
public record Guide(
        String file,
        String title,
        List<String> topics,
        List<SourceRef> sources,
        @Nullable String asOf,
        String body,
        int bodyStartLine) {

    public Guide {
        topics = List.copyOf(topics);
        sources = List.copyOf(sources);
        if (title.isBlank()) {
            throw new IllegalArgumentException("guide " + file + " has no title");
        }
    }
}
