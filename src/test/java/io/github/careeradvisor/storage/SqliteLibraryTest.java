package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(data.resolve(SqliteLibrary.DIR).resolve(System.mapLibraryName("sqlitejdbc")), copy);
        assertEquals(resourceBytes("org/sqlite/native/" + platform + "/" + copy.getFileName()), Files.size(copy));
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
