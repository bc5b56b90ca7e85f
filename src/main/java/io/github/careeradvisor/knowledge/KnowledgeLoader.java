package io.github.careeradvisor.knowledge;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads every guide ({@code *.md}) under the knowledge folder and cuts it into passages. A guide that
 * cannot be read (binary, empty, not UTF-8, no front matter, no text, too large) is left out and
 * reported; a folder with no readable guide stops the program. See "Broken knowledge files" in the
 * README.
 */
public final class KnowledgeLoader {

    /**
     * The largest file the knowledge folder may hold, 12 times the largest shipped guide: past it the
     * index takes many minutes to build (a 5 MB guide is some 62,000 texts to embed; measured in the
     * README, "Broken knowledge files").
     */
    public static final long MAX_FILE_BYTES = 256 * 1024;

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
                Guide guide = parser.parse(shown, readAtMostTheLimit(shown, file));
                List<Passage> cut = chunker.passages(guide);
                if (cut.isEmpty()) {
                    throw new GuideException(shown, guide.bodyStartLine(),
                            "no text after the front matter; a guide needs at least one section (see knowledge/FORMAT.md)");
                }
                guides.add(guide);
                passages.addAll(cut);
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

    private static byte[] readAtMostTheLimit(String shown, Path file) throws IOException, GuideException {
        String tooLarge = tooLarge(file);
        if (tooLarge != null) {
            throw new GuideException(shown, 1, tooLarge + "; split it into smaller guides");
        }
        return Files.readAllBytes(file);
    }

    /** What is wrong with the file's size, or null; checked before reading, so a huge file is never held in memory. */
    static @Nullable String tooLarge(Path file) throws IOException {
        long size = Files.size(file);
        return size <= MAX_FILE_BYTES ? null : String.format(Locale.ROOT,
                "%.1f MB, more than the %d KB a knowledge file may hold", size / 1e6, MAX_FILE_BYTES / 1024);
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
