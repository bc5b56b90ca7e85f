package io.github.careeradvisor.knowledge;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Reads every guide ({@code *.md}) under the knowledge folder and cuts it into passages. A guide that
 * cannot be read is left out and reported; a folder with no readable guide stops the program.
 */
public final class KnowledgeLoader {

    /** Markdown files in the folder that document the folder instead of being guides. */
    private static final Set<String> NOT_GUIDES = Set.of("README.md", "FORMAT.md");

    private final Path dir;
    private final GuideParser parser = new GuideParser();
    private final Chunker chunker;

    public KnowledgeLoader(Path dir, ToIntFunction<String> tokenCounter) {
        this.dir = dir;
        this.chunker = new Chunker(tokenCounter);
    }

    public KnowledgeBase load() {
        List<Path> files = guideFiles();
        List<Guide> guides = new ArrayList<>();
        List<Passage> passages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String shown = dir.resolve(dir.relativize(file)).toString();
            try {
                Guide guide = parser.parse(shown, Files.readAllBytes(file));
                guides.add(guide);
                passages.addAll(chunker.passages(guide));
            } catch (GuideException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add(shown + ":1: cannot be read: " + e);
            }
        }
        if (guides.isEmpty()) {
            throw new ConfigException("knowledge dir '" + dir + "' has no readable guide"
                    + (problems.isEmpty() ? " (no *.md files)" : ": " + String.join("; ", problems))
                    + " (set " + Settings.KNOWLEDGE_DIR + ")");
        }
        return new KnowledgeBase(guides, passages, problems);
    }

    private List<Path> guideFiles() {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("knowledge dir '" + dir + "' " + (Files.exists(dir) ? "is not a directory" : "does not exist")
                    + " (set " + Settings.KNOWLEDGE_DIR + ")");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !NOT_GUIDES.contains(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the guides in knowledge dir '" + dir + "'", e);
        }
    }
}
