package io.github.careeradvisor.knowledge;

import org.jspecify.annotations.Nullable;

/** One article a guide was written from, as its front matter names it. */
public record SourceRef(String name, @Nullable Integer year, @Nullable String article) {
    public SourceRef {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a source needs a name");
        }
    }

    /** "Simplilearn" or "the Step-by-Step Guide (2023)". */
    public String label() {
        return year == null ? name : name + " (" + year + ")";
    }
}
