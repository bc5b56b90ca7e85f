package io.github.careeradvisor.knowledge;

import java.util.List;

/**
 * The guides that could be read, cut into passages, and the problems found in those that could not.
 */
public record KnowledgeBase(List<Guide> guides, List<Passage> passages, List<String> problems) {
    public KnowledgeBase {
        guides = List.copyOf(guides);
        passages = List.copyOf(passages);
        problems = List.copyOf(problems);
    }

    /** The names the guides give their sources ("Simplilearn", "the ML Engineer Jobs guide"), each once. */
    public List<String> sourceNames() {
        return guides.stream().flatMap(g -> g.sources().stream()).map(SourceRef::name).distinct().toList();
    }
}
