package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of a real jar copied once into a data dir, checked once, and trusted by its stamp after that. */
class JarCopyTest {

    private static final byte[] CONTENT = "weights of a model, or a native library".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private Path data;
    private JarCopy.Entry entry;

    @BeforeEach
    void aJarWithOneFile() throws Exception {
        Path jar = temp.resolve("program.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("native/lib.so"));
            zip.write(CONTENT);
            zip.closeEntry();
        }
        data = DataDir.prepare(temp.resolve("data"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            entry = JarCopy.find(loader, "native/lib.so").orElseThrow();
            assertEquals(Optional.empty(), JarCopy.find(loader, "native/missing.so"));
        }
    }

    @Test
    void the_first_call_writes_a_private_copy_and_its_stamp_and_later_calls_keep_it() throws Exception {
        Path copy = data.resolve("lib.so");

        assertTrue(JarCopy.ensure(entry, copy), "written");
        assertArrayEquals(CONTENT, Files.readAllBytes(copy));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertTrue(Files.isRegularFile(JarCopy.stamp(copy)));
        assertFalse(JarCopy.ensure(entry, copy), "kept");
        try (var files = Files.list(data)) {
            assertEquals(List.of("lib.so", "lib.so.crc"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
    }

    @Test
    void a_copy_written_to_since_its_check_is_checked_again_and_rewritten_if_it_differs() throws Exception {
        Path copy = data.resolve("lib.so");
        JarCopy.ensure(entry, copy);
        byte[] damaged = CONTENT.clone();
        damaged[damaged.length / 2] ^= 0x5a; // the size is right, a byte is not
        Files.write(copy, damaged);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(5))); // a write: its time moves

        assertTrue(JarCopy.ensure(entry, copy), "written again");
        assertArrayEquals(CONTENT, Files.readAllBytes(copy));
    }

    @Test
    void the_stamp_is_trusted_while_the_copy_s_size_and_time_are_unchanged() throws Exception {
        Path copy = data.resolve("lib.so");
        JarCopy.ensure(entry, copy);
        FileTime checked = Files.getLastModifiedTime(copy);
        byte[] damaged = CONTENT.clone();
        damaged[0] ^= 0x5a;
        Files.write(copy, damaged);
        Files.setLastModifiedTime(copy, checked); // as bits rotting on the disk would leave it: not read again

        assertFalse(JarCopy.ensure(entry, copy));
        assertArrayEquals(damaged, Files.readAllBytes(copy), "the documented limit of the stamp");
    }

    @Test
    void a_whole_copy_without_a_stamp_is_checked_once_and_kept() throws Exception {
        Path copy = Files.write(data.resolve("lib.so"), CONTENT); // as an older release left it
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(copy, written);

        assertFalse(JarCopy.ensure(entry, copy), "kept");
        assertEquals(written, Files.getLastModifiedTime(copy));
        assertTrue(Files.isRegularFile(JarCopy.stamp(copy)));
        assertFalse(JarCopy.ensure(entry, copy));
    }

    @Test
    void a_copy_of_the_wrong_size_or_bytes_without_a_stamp_is_written_again() throws Exception {
        Path shortCopy = Files.write(data.resolve("short.so"), new byte[] {1, 2, 3});
        byte[] other = CONTENT.clone();
        other[7] ^= 1;
        Path wrongCopy = Files.write(data.resolve("wrong.so"), other);

        assertTrue(JarCopy.ensure(entry, shortCopy));
        assertTrue(JarCopy.ensure(entry, wrongCopy));
        assertArrayEquals(CONTENT, Files.readAllBytes(shortCopy));
        assertArrayEquals(CONTENT, Files.readAllBytes(wrongCopy));
    }

    @Test
    void a_killed_writer_s_old_temporary_file_is_deleted_and_a_young_one_left_to_its_writer() throws Exception {
        Path copy = data.resolve("lib.so");
        Path old = Files.write(data.resolve("lib.so123.tmp"), new byte[] {1});
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(DataDir.STALE).minus(Duration.ofMinutes(1))));
        Path young = Files.write(data.resolve("lib.so456.tmp"), new byte[] {2});
        Path othersOld = Files.write(data.resolve("other.bin789.tmp"), new byte[] {3});
        Files.setLastModifiedTime(othersOld, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        JarCopy.ensure(entry, copy);
        JarCopy.ensure(entry, copy); // kept: the leftovers are looked for at every call, not only when writing

        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young), "maybe another program's copy being written");
        assertTrue(Files.exists(othersOld), "another file's, cleared when that file is written");
    }

    @Test
    void deleting_a_copy_deletes_its_stamp() throws Exception {
        Path copy = data.resolve("lib.so");
        JarCopy.ensure(entry, copy);

        JarCopy.delete(copy);

        try (var files = Files.list(data)) {
            assertEquals(0, files.count());
        }
    }
}
