package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's native libraries, as the jar on the test classpath has them, copied into a data dir once. */
class OnnxLibrariesTest {

    @TempDir
    Path data;

    @Test
    void both_libraries_are_copied_whole_into_a_private_dir_named_by_their_crcs_and_kept() throws Exception {
        String platform = OnnxLibraries.platform();
        assertNotNull(platform, "this machine is one ONNX Runtime ships libraries for");

        Path dir = OnnxLibraries.copyInto(data, platform).orElseThrow();

        assertTrue(dir.getFileName().toString().matches("onnxruntime-[0-9a-f]+-[0-9a-f]+"), dir.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
            Path copy = dir.resolve(System.mapLibraryName(library));
            assertEquals(resourceBytes("ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(library)),
                    Files.size(copy), copy.toString());
            Files.setLastModifiedTime(copy.resolveSibling(copy.getFileName() + ".crc"), FileTime.fromMillis(0));
        }
        assertEquals(dir, OnnxLibraries.copyInto(data, platform).orElseThrow());
        for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
            Path stamp = dir.resolve(System.mapLibraryName(library) + ".crc");
            assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(stamp), "kept by its stamp: nothing written");
        }
    }

    @Test
    void another_version_s_copies_are_deleted_when_this_version_s_are_written() throws Exception {
        Path older = Files.createDirectories(data.resolve("onnxruntime-0badc0de-0ddba11"));
        Files.write(older.resolve(System.mapLibraryName("onnxruntime")), new byte[] {1});
        Path notOurs = Files.createDirectories(data.resolve("onnxruntime-notes"));

        Path dir = OnnxLibraries.copyInto(data, OnnxLibraries.platform()).orElseThrow();

        assertFalse(Files.exists(older));
        assertTrue(Files.exists(notOurs), "a dir not named as a copy is not this program's to delete");
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(Set.of(dir, notOurs), Set.copyOf(files.toList()));
        }
    }

    @Test
    void no_copy_for_a_platform_the_jar_has_no_libraries_for() throws Exception {
        assertEquals(java.util.Optional.empty(), OnnxLibraries.copyInto(data, "plan9-mips"));
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void a_started_model_runs_on_the_copies_and_on_nothing_else() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "the process's mappings are readable on Linux");
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), OnnxLoadCheck.class.getName(),
                data.resolve("data").toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);

        List<String> mapped = out.lines().filter(l -> l.startsWith("/")).toList();
        Path copies = data.resolve("data").toRealPath();
        assertEquals(2, mapped.size(), "the library and its JNI part, each once: " + out);
        // The tokenizer is plain Java: no Rust library, no JNA, no GPU probe.
        assertEquals(List.of(), out.lines().filter(l -> l.startsWith(OnnxLoadCheck.OTHER)).toList(), out);
        for (String library : mapped) {
            assertTrue(Path.of(library).startsWith(copies), library + " is not one of the copies in " + copies);
        }
    }

    private static long resourceBytes(String name) throws Exception {
        try (InputStream in = OnnxLibrariesTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
