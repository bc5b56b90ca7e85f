package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data-dir file valid for one key, and the program's identity that every such key includes. */
class KeyedFileTest {

    private static final int MAGIC = 0x7E57_0001;
    private static final byte[] CONTENTS = "what an earlier start worked out".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void contents_are_read_back_for_their_key_only() throws Exception {
        Path file = temp.resolve("kept.bin");
        assertEquals(Optional.empty(), KeyedFile.read(file, MAGIC, "k1"), "no file yet");

        KeyedFile.write(file, MAGIC, "k1", CONTENTS);

        assertArrayEquals(CONTENTS, KeyedFile.read(file, MAGIC, "k1").orElseThrow());
        assertEquals(Optional.empty(), KeyedFile.read(file, MAGIC, "k2"), "made from other inputs");
        assertEquals(Optional.empty(), KeyedFile.read(file, MAGIC + 1, "k1"), "another kind of file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void a_changed_byte_or_a_cut_is_found_by_the_checksum() throws Exception {
        Path file = temp.resolve("kept.bin");
        KeyedFile.write(file, MAGIC, "k1", CONTENTS);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x20;
        Files.write(file, bytes);

        assertThrows(KeyedFile.Damaged.class, () -> KeyedFile.read(file, MAGIC, "k1"));

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThrows(KeyedFile.Damaged.class, () -> KeyedFile.read(file, MAGIC, "k1"));
    }

    @Test
    void keys_differ_when_any_part_does_and_parts_do_not_run_together() {
        String one = new KeyedFile.Key().add("ab").add("c").hex();

        assertEquals(one, new KeyedFile.Key().add("ab").add("c").hex());
        assertNotEquals(one, new KeyedFile.Key().add("a").add("bc").hex());
        assertNotEquals(one, new KeyedFile.Key().add("ab").add("d").hex());
    }

    @Test
    void a_jar_is_known_by_its_directory_and_a_folder_of_classes_by_nothing() throws Exception {
        Path one = jar("one.jar", "a.txt", "first", "");
        Path same = jar("same.jar", "a.txt", "first", "");
        Path other = jar("other.jar", "a.txt", "second", "");
        Path commented = jar("commented.jar", "a.txt", "first", "a comment after the directory");

        assertTrue(KeyedFile.program(one).isPresent());
        assertEquals(KeyedFile.program(one), KeyedFile.program(same));
        assertNotEquals(KeyedFile.program(one), KeyedFile.program(other));
        assertTrue(KeyedFile.program(commented).isPresent(), "found before a comment too");
        assertTrue(KeyedFile.program(one).orElseThrow().endsWith(" on " + Runtime.version()));
        assertEquals(Optional.empty(), KeyedFile.program(Files.writeString(temp.resolve("not.jar"), "not a zip")));
        assertEquals(Optional.empty(), KeyedFile.program(temp));
        assertEquals(Optional.empty(), KeyedFile.program(), "the tests run from target/classes");
    }

    private Path jar(String name, String entry, String content, String comment) throws Exception {
        Path jar = temp.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            ZipEntry file = new ZipEntry(entry);
            file.setTime(0); // the directory lists each entry's time: the same for the jars meant to be the same
            zip.putNextEntry(file);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.setComment(comment);
        }
        return jar;
    }
}
