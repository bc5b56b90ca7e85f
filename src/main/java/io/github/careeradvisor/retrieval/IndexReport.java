package io.github.careeradvisor.retrieval;

import java.util.List;

/**
 * What building the index did: how many guides and passages, how many texts had to be embedded and how
 * many vectors came from the cache, how long it took, and the guides that could not be read.
 *
 * @param texts passages plus quotable units, each embedded once
 */
public record IndexReport(int files, int passages, int texts, int embedded, int reused, long millis,
        String cacheFile, List<String> problems) {

    public IndexReport {
        problems = List.copyOf(problems);
    }

    public String summary() {
        return String.format("indexed %d guides into %d passages; of %d texts to embed, %d were embedded "
                + "and %d reused from the cache (%s); took %.1f s", files, passages, texts, embedded, reused,
                cacheFile, millis / 1000.0);
    }
}
