package io.github.careeradvisor.knowledge;

import io.github.careeradvisor.storage.KeyedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The knowledge dir as an earlier start parsed it, kept in the data dir ({@value #FILE}), so a start
 * reads one file instead of parsing every guide again (README, "Performance").
 *
 * <p>It is used only if it was made from the same files (the dir as named, each file's path and bytes)
 * by the same program ({@link KeyedFile#program()}: the jar it runs from, and the Java version).
 * Anything else — another guide, another release, a file that cannot be read — parses the dir
 * as before and writes the snapshot anew; so does a damaged or foreign snapshot, with a warning. Its
 * contents carry a SHA-256, checked before anything is read from them, and are this package's records
 * as {@link KnowledgeCodec} writes them, each rebuilt through its constructor. A program run from a folder of classes
 * (a developer's build) has no such identity and always parses.
 */
public final class ParsedKnowledge {

    static final String FILE = "parsed-knowledge.bin";
    /** The file's format: 3 since the records are written by {@link KnowledgeCodec}, not Java's serialization. */
    static final int MAGIC = 0x4B42_0003;

    private ParsedKnowledge() {
    }

    /**
     * The parsed knowledge of {@code knowledgeDir}, from the snapshot in {@code dataDir} when it is
     * current, else parsed and kept there; failing to keep it costs only time at the next start and is
     * told to {@code warnings}, as is a snapshot found damaged.
     */
    public static KnowledgeFiles load(Path knowledgeDir, Path dataDir, Consumer<String> warnings) {
        return load(knowledgeDir, dataDir.resolve(FILE), KeyedFile.program(), () -> KnowledgeFiles.read(knowledgeDir), warnings);
    }

    /** The same, with the program's identity given (none: always parse) and the parse given. */
    static KnowledgeFiles load(Path knowledgeDir, Path snapshot, Optional<String> program, Supplier<KnowledgeFiles> parse,
            Consumer<String> warnings) {
        Optional<String> before = program.flatMap(p -> key(knowledgeDir, p));
        if (before.isEmpty()) {
            return parse.get();
        }
        Optional<KnowledgeFiles> kept = read(snapshot, before.get(), warnings);
        if (kept.isPresent()) {
            return kept.get();
        }
        KnowledgeFiles parsed = parse.get();
        // A file changed while it was parsed: what was parsed may be neither version, so it is not kept.
        if (before.equals(key(knowledgeDir, program.get()))) {
            write(snapshot, before.get(), parsed, warnings);
        }
        return parsed;
    }

    private static Optional<KnowledgeFiles> read(Path snapshot, String key, Consumer<String> warnings) {
        byte[] contents;
        try {
            Optional<byte[]> kept = KeyedFile.read(snapshot, MAGIC, key);
            if (kept.isEmpty()) {
                return Optional.empty(); // none yet, or another version of the guides or of the program: no warning
            }
            contents = kept.get();
        } catch (KeyedFile.Damaged e) {
            return damaged(snapshot, e.getMessage(), warnings);
        } catch (IOException e) {
            return damaged(snapshot, e.toString(), warnings);
        }
        try {
            return Optional.of(KnowledgeCodec.read(contents));
        } catch (IOException | RuntimeException e) {
            // Bytes the codec did not write, or records refusing their values (as when the guides are parsed).
            return damaged(snapshot, e.toString(), warnings);
        }
    }

    private static Optional<KnowledgeFiles> damaged(Path snapshot, String why, Consumer<String> warnings) {
        warnings.accept("warning: the parsed guides in " + snapshot + " were not used (" + why
                + "); the guides are parsed again and the file written anew");
        return Optional.empty();
    }

    private static void write(Path snapshot, String key, KnowledgeFiles parsed, Consumer<String> warnings) {
        try {
            KeyedFile.write(snapshot, MAGIC, key, KnowledgeCodec.write(parsed));
        } catch (IOException | RuntimeException e) {
            warnings.accept("warning: the parsed guides could not be kept in " + snapshot + " (" + e
                    + "); each start parses them again");
        }
    }

    /** What the parse depends on besides the program: the dir as named, and each file's path and bytes. */
    static Optional<String> key(Path knowledgeDir, String program) {
        if (!Files.isDirectory(knowledgeDir)) {
            return Optional.empty();
        }
        KeyedFile.Key key = new KeyedFile.Key().add(program).add(knowledgeDir.toString());
        try (Stream<Path> walk = Files.walk(knowledgeDir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                key.add(knowledgeDir.relativize(file).toString());
                long size = Files.size(file);
                key.add(Long.toString(size));
                if (size <= KnowledgeLoader.MAX_FILE_BYTES) { // a larger one is refused by its size alone
                    key.add(Files.readAllBytes(file));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // the parse names the file it cannot read
        }
        return Optional.of(key.hex());
    }
}
