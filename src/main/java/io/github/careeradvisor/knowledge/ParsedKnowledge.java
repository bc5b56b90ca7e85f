package io.github.careeradvisor.knowledge;

import io.github.careeradvisor.storage.KeyedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
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
 * contents carry a SHA-256, checked before anything is read from them, and reading accepts only this
 * package's records and the few JDK classes they are made of. A program run from a folder of classes
 * (a developer's build) has no such identity and always parses.
 */
public final class ParsedKnowledge {

    static final String FILE = "parsed-knowledge.bin";
    static final int MAGIC = 0x4B42_0002;
    /**
     * What the records are made of: immutable lists (serialized as CollSer over an Object[], read back as
     * the lists), strings, enums, boxed numbers and dates; and bounds far above the shipped guides' (about
     * 270 KB, nesting 8 deep).
     */
    private static final ObjectInputFilter ONLY_KNOWLEDGE = ObjectInputFilter.Config.createFilter(
            "maxdepth=16;maxrefs=1000000;maxbytes=67108864;maxarray=1000000;"
                    + "io.github.careeradvisor.knowledge.*;java.util.CollSer;java.util.ImmutableCollections$ListN;"
                    + "java.util.ImmutableCollections$List12;java.lang.Object;java.lang.String;java.lang.Enum;"
                    + "java.lang.Number;java.lang.Integer;java.lang.Long;java.time.Ser;java.time.LocalDate;!*");
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
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(contents))) {
            objects.setObjectInputFilter(ONLY_KNOWLEDGE);
            if (objects.readObject() instanceof KnowledgeFiles files && files.knowledge() != null
                    && files.roadmap() != null && files.certifications() != null && files.pay() != null) {
                return Optional.of(files);
            }
            return damaged(snapshot, "it holds something other than the parsed guides", warnings);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // Refused by the filter (InvalidClassException), or records refusing their values (InvalidObjectException).
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
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(parsed);
            }
            KeyedFile.write(snapshot, MAGIC, key, bytes.toByteArray());
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
