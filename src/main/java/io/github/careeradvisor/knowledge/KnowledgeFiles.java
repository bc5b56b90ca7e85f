package io.github.careeradvisor.knowledge;

import java.nio.file.Path;

/**
 * What start-up reads from the knowledge dir, parsed: the guides cut into passages, the roadmap, the
 * certification catalogue and the pay bands. {@link ParsedKnowledge} keeps it between starts.
 */
public record KnowledgeFiles(KnowledgeBase knowledge, Roadmap roadmap, CertificationCatalog certifications, PayScale pay) {

    /**
     * Reads and parses every file: the guides are cut into passages of at most the model's length,
     * counted by its own tokenizer. Errors are those of each file's loader.
     */
    public static KnowledgeFiles read(Path dir) {
        return new KnowledgeFiles(guides(dir), Roadmap.load(dir), CertificationCatalog.load(dir), PayScale.load(dir));
    }

    /** The guides alone, cut into passages as {@link #read} cuts them. */
    public static KnowledgeBase guides(Path dir) {
        TokenCounter tokens = TokenCounter.forMiniLm();
        return new KnowledgeLoader(dir, tokens::count).load();
    }
}
