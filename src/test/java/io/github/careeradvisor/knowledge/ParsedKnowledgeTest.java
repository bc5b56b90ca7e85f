package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsed knowledge kept in the data dir between starts, and when it is not used (README, "Performance"). */
class ParsedKnowledgeTest {

    private static final Optional<String> PROGRAM = Optional.of("program-1");

    @TempDir
    Path temp;

    private Path knowledge;
    private Path snapshot;
    private final AtomicInteger parses = new AtomicInteger();
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void copyTheShippedGuides() throws Exception {
        knowledge = temp.resolve("knowledge");
        Files.createDirectories(knowledge);
        try (Stream<Path> files = Files.list(Path.of("knowledge"))) {
            for (Path file : files.toList()) {
                Files.copy(file, knowledge.resolve(file.getFileName()));
            }
        }
        snapshot = temp.resolve("data").resolve(ParsedKnowledge.FILE);
        Files.createDirectories(snapshot.getParent());
    }

    private KnowledgeFiles load(Optional<String> program) {
        return ParsedKnowledge.load(knowledge, snapshot, program, () -> {
            parses.incrementAndGet();
            return KnowledgeFiles.read(knowledge);
        }, warnings::add);
    }

    @Test
    void a_second_start_reads_what_the_first_parsed() throws Exception {
        KnowledgeFiles parsed = load(PROGRAM);
        KnowledgeFiles kept = load(PROGRAM);

        assertEquals(1, parses.get(), "parsed once");
        assertEquals(parsed, kept);
        assertTrue(kept.knowledge().passages().size() > 100, "the shipped guides' passages: " + kept.knowledge().passages().size());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot)));
        }
        try (Stream<Path> files = Files.list(snapshot.getParent())) {
            assertEquals(List.of(snapshot), files.toList(), "no temporary file left");
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void a_changed_guide_is_parsed_again() throws Exception {
        load(PROGRAM);
        Files.writeString(knowledge.resolve("salaries.md"),
                "\n## Pay in Atlantis\n\nEngineers in Atlantis are paid in pearls, a made-up line for this test.\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        KnowledgeFiles changed = load(PROGRAM);

        assertEquals(2, parses.get());
        assertTrue(changed.knowledge().passages().stream().anyMatch(p -> p.body().contains("paid in pearls")));
        load(PROGRAM);
        assertEquals(2, parses.get(), "the new version is kept in turn");
    }

    @Test
    void a_new_or_removed_file_is_parsed_again() throws Exception {
        load(PROGRAM);
        Files.move(knowledge.resolve("networking.md"), knowledge.resolve("networking.md.off"));

        KnowledgeFiles without = load(PROGRAM);

        assertEquals(2, parses.get());
        assertTrue(without.knowledge().guides().stream().noneMatch(g -> g.file().endsWith("networking.md")));
    }

    @Test
    void another_release_of_the_program_parses_again_without_a_warning() {
        load(PROGRAM);
        load(Optional.of("program-2"));

        assertEquals(2, parses.get());
        assertEquals(List.of(), warnings);
    }

    @Test
    void a_guide_changed_while_it_is_parsed_is_not_kept() throws Exception {
        KnowledgeFiles parsed = ParsedKnowledge.load(knowledge, snapshot, PROGRAM, () -> {
            parses.incrementAndGet();
            KnowledgeFiles files = KnowledgeFiles.read(knowledge);
            try {
                Files.writeString(knowledge.resolve("networking.md"), "\nOne more line.\n", StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return files;
        }, warnings::add);

        assertTrue(parsed.knowledge().passages().size() > 100);
        assertFalse(Files.exists(snapshot), "what was parsed may be neither version");
        load(PROGRAM);
        assertEquals(2, parses.get());
        assertTrue(Files.exists(snapshot));
    }

    @Test
    void a_program_without_an_identity_always_parses_and_keeps_nothing() {
        load(Optional.empty());
        load(Optional.empty());

        assertEquals(2, parses.get());
        assertFalse(Files.exists(snapshot));
    }

    @Test
    void a_damaged_snapshot_is_parsed_again_and_written_anew() throws Exception {
        KnowledgeFiles parsed = load(PROGRAM);
        byte[] whole = Files.readAllBytes(snapshot);
        Files.write(snapshot, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertEquals(parsed, load(PROGRAM));
        assertEquals(2, parses.get());
        assertEquals(List.of(notUsed("its contents do not match their checksum")), warnings);
        load(PROGRAM);
        assertEquals(2, parses.get(), "written whole again");
    }

    @Test
    void a_changed_byte_inside_the_snapshot_is_caught_by_its_checksum() throws Exception {
        KnowledgeFiles parsed = load(PROGRAM);
        byte[] whole = Files.readAllBytes(snapshot);
        int inText = new String(whole, StandardCharsets.ISO_8859_1).indexOf("ML engineer");
        assertTrue(inText > 0);
        whole[inText] = 'X'; // "XL engineer": still a well-formed stream, only the checksum tells
        Files.write(snapshot, whole);

        assertEquals(parsed, load(PROGRAM));
        assertEquals(2, parses.get());
        assertEquals(List.of(notUsed("its contents do not match their checksum")), warnings);
    }

    private String notUsed(String why) {
        return "warning: the parsed guides in " + snapshot + " were not used (" + why
                + "); the guides are parsed again and the file written anew";
    }

    @Test
    void a_snapshot_holding_anything_but_the_guides_records_is_refused_even_with_a_matching_checksum() throws Exception {
        KnowledgeFiles real = KnowledgeFiles.read(knowledge);
        byte[] records = KnowledgeCodec.write(real);
        // A certification's status is checked by its record: "expired" is none of the statuses it takes.
        String active = real.certifications().certifications().get(0).status();
        byte[] badStatus = replaceFirst(records, "\u0000\u0000\u0000" + (char) active.length() + active,
                "\u0000\u0000\u0000\u0007expired");
        for (byte[] contents : List.of("not the guides at all".getBytes(StandardCharsets.UTF_8), badStatus)) {
            String key = ParsedKnowledge.key(knowledge, PROGRAM.get()).orElseThrow();
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(snapshot))) {
                out.writeInt(ParsedKnowledge.MAGIC);
                out.writeUTF(key);
                out.write(MessageDigest.getInstance("SHA-256").digest(contents)); // a matching checksum: made on purpose
                out.writeInt(contents.length);
                out.write(contents);
            }
            parses.set(0);
            warnings.clear();

            KnowledgeFiles loaded = load(PROGRAM);

            assertEquals(1, parses.get(), "parsed, not read");
            assertEquals(real, loaded);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("warning: the parsed guides in " + snapshot + " were not used ("),
                    warnings.get(0));
        }
    }

    /** {@code bytes} with the first occurrence of {@code from}'s Latin-1 bytes replaced by {@code to}'s. */
    private static byte[] replaceFirst(byte[] bytes, String from, String to) {
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = latin1.indexOf(from);
        assertTrue(at >= 0, "'" + from + "' is in the records");
        return (latin1.substring(0, at) + to + latin1.substring(at + from.length())).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void a_snapshot_that_cannot_be_written_is_told_and_the_parse_still_serves() throws Exception {
        snapshot = temp.resolve("no-such-dir").resolve(ParsedKnowledge.FILE);

        KnowledgeFiles loaded = load(PROGRAM);

        assertTrue(loaded.knowledge().passages().size() > 100);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("warning: the parsed guides could not be kept in " + snapshot + " (")
                && warnings.get(0).endsWith("); each start parses them again"), warnings.get(0));
    }
}
