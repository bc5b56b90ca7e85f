package io.github.careeradvisor.knowledge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The knowledge dir as an earlier start parsed it, kept in the data dir ({@value #FILE}), so a start
 * reads one file instead of parsing every guide again: the parse ran a second of first-run code on
 * two cores, most of {@code ask}'s start (README, "Performance").
 *
 * <p>It is used only if it was made from the same files (the dir as named, each file's path and bytes)
 * by the same program (the name, size and CRC of every entry of the jar it runs from). Anything else —
 * another guide, another release, a file that cannot be read, a damaged or foreign snapshot — parses
 * the dir as before and writes the snapshot anew. A program run from a folder of classes (a developer's
 * build) has no such identity and always parses. Reading it accepts only this package's records and
 * the JDK's collections, strings, numbers and dates.
 */
public final class ParsedKnowledge {

    static final String FILE = "parsed-knowledge.bin";
    static final int MAGIC = 0x4B42_0001;
    private static final ObjectInputFilter ONLY_KNOWLEDGE = ObjectInputFilter.Config.createFilter(
            "maxdepth=32;maxrefs=2000000;maxbytes=268435456;"
                    + "io.github.careeradvisor.knowledge.*;java.util.*;java.time.*;java.lang.*;!*");

    private ParsedKnowledge() {
    }

    /**
     * The parsed knowledge of {@code knowledgeDir}, from the snapshot in {@code dataDir} when it is
     * current, else parsed and kept there; failing to keep it costs only time at the next start and is
     * told to {@code warnings}.
     */
    public static KnowledgeFiles load(Path knowledgeDir, Path dataDir, Consumer<String> warnings) {
        return load(knowledgeDir, dataDir.resolve(FILE), program(), () -> KnowledgeFiles.read(knowledgeDir), warnings);
    }

    /** The same, with the program's identity given (none: always parse) and the parse given. */
    static KnowledgeFiles load(Path knowledgeDir, Path snapshot, Optional<String> program, Supplier<KnowledgeFiles> parse,
            Consumer<String> warnings) {
        Optional<String> before = program.flatMap(p -> key(knowledgeDir, p));
        if (before.isEmpty()) {
            return parse.get();
        }
        Optional<KnowledgeFiles> kept = read(snapshot, before.get());
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

    private static Optional<KnowledgeFiles> read(Path snapshot, String key) {
        if (!Files.isRegularFile(snapshot)) {
            return Optional.empty();
        }
        try (InputStream file = new BufferedInputStream(Files.newInputStream(snapshot));
                DataInputStream header = new DataInputStream(file)) {
            if (header.readInt() != MAGIC || !header.readUTF().equals(key)) {
                return Optional.empty();
            }
            ObjectInputStream objects = new ObjectInputStream(file);
            objects.setObjectInputFilter(ONLY_KNOWLEDGE);
            return Optional.of((KnowledgeFiles) objects.readObject());
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalArgumentException e) {
            // Damaged, cut short, refused by the filter, or records that no longer accept their old values:
            // parsed again and written anew.
            return Optional.empty();
        }
    }

    private static void write(Path snapshot, String key, KnowledgeFiles parsed, Consumer<String> warnings) {
        Path dir = snapshot.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, FILE, ".tmp"); // readable by its owner only, like the data dir's other files
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp));
                    DataOutputStream header = new DataOutputStream(file)) {
                header.writeInt(MAGIC);
                header.writeUTF(key);
                ObjectOutputStream objects = new ObjectOutputStream(file);
                objects.writeObject(parsed);
                objects.flush();
            }
            Files.move(tmp, snapshot, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            warnings.accept("warning: the parsed guides could not be kept in " + snapshot + " (" + e
                    + "); each start parses them again");
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // left for the next write to replace; it is never read
                }
            }
        }
    }

    /** What the parse depends on besides the program: the dir as named, and each file's path and bytes. */
    static Optional<String> key(Path knowledgeDir, String program) {
        if (!Files.isDirectory(knowledgeDir)) {
            return Optional.empty();
        }
        MessageDigest sha = sha256();
        update(sha, program);
        update(sha, knowledgeDir.toString());
        try (Stream<Path> walk = Files.walk(knowledgeDir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                update(sha, knowledgeDir.relativize(file).toString());
                long size = Files.size(file);
                update(sha, Long.toString(size));
                if (size <= KnowledgeLoader.MAX_FILE_BYTES) { // a larger one is refused by its size alone
                    sha.update(Files.readAllBytes(file));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty(); // the parse names the file it cannot read
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /** The jar this program runs from, by {@link #program(Path)}; none when it runs from a folder of classes. */
    static Optional<String> program() {
        try {
            CodeSource source = ParsedKnowledge.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : program(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A jar's identity: the name, size and CRC of each entry, hashed; none for anything but a readable jar. */
    static Optional<String> program(Path location) {
        if (!Files.isRegularFile(location)) {
            return Optional.empty();
        }
        MessageDigest sha = sha256();
        try (ZipFile jar = new ZipFile(location.toFile())) {
            ByteBuffer numbers = ByteBuffer.allocate(2 * Long.BYTES);
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                update(sha, entry.getName());
                sha.update(numbers.clear().putLong(entry.getSize()).putLong(entry.getCrc()).flip());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).flip());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
