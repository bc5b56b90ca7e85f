package io.github.careeradvisor.knowledge;

import io.github.careeradvisor.storage.DataDir;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The knowledge dir as an earlier start parsed it, kept in the data dir ({@value #FILE}), so a start
 * reads one file instead of parsing every guide again (README, "Performance").
 *
 * <p>It is used only if it was made from the same files (the dir as named, each file's path and bytes)
 * by the same program (the name, size and CRC of every entry of the jar it runs from, and the Java
 * version). Anything else — another guide, another release, a file that cannot be read — parses the dir
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
    /** A temporary file older than this is a killed writer's, not another process's at work. */
    /** A zip file's end record: its signature, and its size without the comment that may follow. */
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_RECORD = 22;

    private ParsedKnowledge() {
    }

    /**
     * The parsed knowledge of {@code knowledgeDir}, from the snapshot in {@code dataDir} when it is
     * current, else parsed and kept there; failing to keep it costs only time at the next start and is
     * told to {@code warnings}, as is a snapshot found damaged.
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
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(snapshot)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
                return Optional.empty(); // another version of the guides or of the program: no warning
            }
            byte[] sum = in.readNBytes(32);
            int length = in.readInt();
            contents = in.readNBytes(Math.max(0, length));
            if (length < 0 || contents.length != length || !MessageDigest.isEqual(sum, sha256().digest(contents))) {
                return damaged(snapshot, "its contents do not match their checksum", warnings);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
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
            byte[] contents = bytes.toByteArray();
            DataDir.writeWhole(snapshot, file -> {
                DataOutputStream out = new DataOutputStream(file);
                out.writeInt(MAGIC);
                out.writeUTF(key);
                out.write(sha256().digest(contents));
                out.writeInt(contents.length);
                out.write(contents);
            });
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
        MessageDigest sha = sha256();
        update(sha, program);
        update(sha, Runtime.version().toString()); // the JDK's classes the records are made of
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
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // the parse names the file it cannot read
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /** The jar this program runs from, by {@link #program(Path)}; none when it runs from a folder of classes. */
    static Optional<String> program() {
        try {
            CodeSource source = ParsedKnowledge.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : program(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // no file system for its location, or no permission to ask
        }
    }

    /**
     * A jar's identity: a CRC-32 of its central directory, which lists every entry's name, size, CRC and
     * time, with the directory's size and the jar's; none for anything but a readable jar (a ZIP64 one
     * included). Reading the directory costs about a millisecond; going through the entries one by one
     * cost about 150 ms of each start.
     */
    static Optional<String> program(Path location) {
        if (!Files.isRegularFile(location)) {
            return Optional.empty();
        }
        try (FileChannel jar = FileChannel.open(location)) {
            long size = jar.size();
            int tail = (int) Math.min(size, END_RECORD + 0xFFFF); // the end record, and a comment of at most 64 KB
            ByteBuffer end = read(jar, size - tail, tail).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = tail - END_RECORD; at >= 0; at--) {
                if (end.getInt(at) == END_SIGNATURE && at + END_RECORD + Short.toUnsignedInt(end.getShort(at + 20)) == tail) {
                    long length = Integer.toUnsignedLong(end.getInt(at + 12));
                    long offset = Integer.toUnsignedLong(end.getInt(at + 16));
                    if (offset + length != size - tail + at || length > Integer.MAX_VALUE - 8) {
                        return Optional.empty(); // ZIP64, or not where the end record says
                    }
                    CRC32 crc = new CRC32();
                    crc.update(read(jar, offset, (int) length));
                    return Optional.of(Long.toHexString(crc.getValue()) + "-" + length + "-" + size);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (file.read(bytes, position + bytes.position()) < 0) {
                throw new EOFException("the jar ends before " + (position + length) + " bytes");
            }
        }
        return bytes.flip();
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
