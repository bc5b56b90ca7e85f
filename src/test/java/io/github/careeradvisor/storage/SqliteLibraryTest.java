package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

/** sqlite-jdbc's library, as the jar on the test classpath has it, copied into a data dir once. */
class SqliteLibraryTest {

    @TempDir
    Path data;

    @Test
    void the_library_for_this_platform_is_copied_whole_with_the_platform_kept_beside_it() throws Exception {
        Path copy = SqliteLibrary.copyInto(data).orElseThrow();

        String platform = OSInfo.getNativeLibFolderPathForCurrentOS();
        assertTrue(copy.getFileName().toString().matches("[0-9a-f]+-" + System.mapLibraryName("sqlitejdbc")), copy.toString());
        assertEquals(data.resolve(SqliteLibrary.DIR), copy.getParent());
        assertEquals(resourceBytes("org/sqlite/native/" + platform + "/" + System.mapLibraryName("sqlitejdbc")),
                Files.size(copy));
        assertTrue(JarCopy.onlyOurs(copy), "this user's alone: native code may be loaded from it");
        assertEquals(List.of(System.getProperty("os.name") + " " + System.getProperty("os.arch"), platform),
                Files.readAllLines(copy.resolveSibling(SqliteLibrary.PLATFORM)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
    }

    @Test
    void a_later_start_keeps_the_copy_and_the_platform_it_found() throws Exception {
        Path copy = SqliteLibrary.copyInto(data).orElseThrow();
        Path stamp = copy.resolveSibling(copy.getFileName() + ".crc");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(0));
        Files.setLastModifiedTime(copy.resolveSibling(SqliteLibrary.PLATFORM), FileTime.fromMillis(0));

        assertEquals(copy, SqliteLibrary.copyInto(data).orElseThrow());
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(stamp), "the copy kept by its stamp");
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(copy.resolveSibling(SqliteLibrary.PLATFORM)));
    }

    @Test
    void another_release_s_copy_is_deleted_when_this_one_s_is_written() throws Exception {
        Path dir = Files.createDirectories(data.resolve(SqliteLibrary.DIR));
        Path older = Files.write(dir.resolve("0badc0de-" + System.mapLibraryName("sqlitejdbc")), new byte[] {1});

        Path copy = SqliteLibrary.copyInto(data).orElseThrow();

        assertTrue(Files.exists(copy));
        assertTrue(Files.notExists(older));
    }

    @Test
    void a_copy_others_could_write_to_is_not_ours() throws Exception {
        Path copy = SqliteLibrary.copyInto(data).orElseThrow();
        Files.setPosixFilePermissions(copy.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertFalse(JarCopy.onlyOurs(copy), "a dir anyone may write to");
        Files.setPosixFilePermissions(copy.getParent(), PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(data.resolve("linked"), copy.getParent());
        assertFalse(JarCopy.onlyOurs(link.resolve(copy.getFileName())), "reached through a link");
        assertTrue(JarCopy.onlyOurs(copy));
    }

    @Test
    void a_platform_kept_by_another_machine_is_worked_out_again() throws Exception {
        Path dir = Files.createDirectories(data.resolve(SqliteLibrary.DIR));
        Files.writeString(dir.resolve(SqliteLibrary.PLATFORM), "Plan9 mips\nPlan9/mips\n", StandardCharsets.UTF_8);

        Path copy = SqliteLibrary.copyInto(data).orElseThrow();

        assertEquals(OSInfo.getNativeLibFolderPathForCurrentOS(), Files.readAllLines(dir.resolve(SqliteLibrary.PLATFORM)).get(1));
        assertTrue(Files.size(copy) > 100_000, "this platform's library, not nothing");
    }

    private static long resourceBytes(String name) throws Exception {
        try (InputStream in = SqliteLibraryTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
