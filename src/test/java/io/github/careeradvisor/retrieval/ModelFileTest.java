package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model copied out of its jar into the data dir once, and read from there (README, "Performance"). */
class ModelFileTest {

    private static final String MODEL = MiniLm.FLOAT + ".onnx";

    @TempDir
    Path data;

    @Test
    void the_first_start_copies_the_model_whole_and_later_ones_reuse_the_copy() throws Exception {
        Path copy = ModelFile.in(data, MODEL).orElseThrow();
        Files.setLastModifiedTime(copy, FileTime.fromMillis(0));

        assertEquals(copy, ModelFile.in(data, MODEL).orElseThrow());
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(copy), "reused, not written again");
        assertEquals(resourceBytes(), Files.size(copy));
        assertTrue(copy.getFileName().toString().matches("all-minilm-l6-v2-[0-9a-f]+\\.onnx"), copy.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        try (var files = Files.list(data)) {
            assertEquals(List.of(copy, copy.resolveSibling(copy.getFileName() + ".crc")), files.sorted().toList(),
                    "the copy and its stamp, no temporary file left");
        }
    }

    @Test
    void a_truncated_copy_is_written_again_and_another_version_s_copy_is_deleted() throws Exception {
        Path copy = ModelFile.in(data, MODEL).orElseThrow();
        Files.write(copy, new byte[] {1, 2, 3}); // a copy cut short, as by a full disk in an older release
        Path older = Files.write(data.resolve("all-minilm-l6-v2-0badc0de.onnx"), new byte[] {4});
        Path quantized = Files.write(data.resolve("all-minilm-l6-v2-q-0badc0de.onnx"), new byte[] {5});
        Path olderStamp = Files.write(data.resolve("all-minilm-l6-v2-0badc0de.onnx.crc"), new byte[] {6});
        Path olderLeftover = Files.write(data.resolve("all-minilm-l6-v2-0badc0de.onnx42.tmp"), new byte[] {7});
        Files.setLastModifiedTime(olderLeftover, FileTime.fromMillis(0)); // a killed copy's, long ago

        assertEquals(copy, ModelFile.in(data, MODEL).orElseThrow());
        assertEquals(resourceBytes(), Files.size(copy));
        assertFalse(Files.exists(older), "an older version's copy is of no further use");
        assertFalse(Files.exists(olderStamp), "nor its stamp");
        assertFalse(Files.exists(olderLeftover), "nor what a killed copy of it left");
        assertTrue(Files.exists(quantized), "another model's copy is not this one's to delete");
    }

    @Test
    void a_copy_damaged_in_place_is_found_at_the_next_start_and_written_again() throws Exception {
        Path copy = ModelFile.in(data, MODEL).orElseThrow();
        byte[] damaged = Files.readAllBytes(copy);
        damaged[damaged.length / 2] ^= 0x5a; // one weight's byte flipped: the size is right, the model is not
        Files.write(copy, damaged);

        assertEquals(copy, ModelFile.in(data, MODEL).orElseThrow());
        byte[] again = Files.readAllBytes(copy);
        assertEquals(damaged[damaged.length / 2] ^ 0x5a, again[again.length / 2], "the byte as the jar has it");
    }

    @Test
    void a_discarded_copy_is_written_again_at_the_next_start_and_gives_the_jar_s_vectors() throws Exception {
        Path copy = ModelFile.in(data, MODEL).orElseThrow();
        float[] fromJar;
        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1)) {
            fromJar = model.embed("how long is the exam?");
        }
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(copy);

        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1, data)) { // the copy now reads well: used as it is
            assertArrayEquals(fromJar, model.embed("how long is the exam?"));
        }
        assertEquals(written, Files.getLastModifiedTime(copy));
        ModelFile.discard(copy, "as by a disk error");
        assertFalse(Files.exists(copy));
        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1, data)) { // written again
            assertArrayEquals(fromJar, model.embed("how long is the exam?"));
        }
        assertTrue(Files.exists(copy));
    }

    @Test
    void a_dir_that_cannot_hold_the_copy_leaves_the_model_read_from_its_jar() throws Exception {
        Path notADir = Files.writeString(data.resolve("file"), "x");

        assertEquals(Optional.empty(), ModelFile.in(notADir, MODEL));
        try (MiniLm fromJar = new MiniLm(MiniLm.FLOAT, 1, notADir)) {
            assertEquals(Embedder.DIMENSIONS, fromJar.embed("what does a junior earn?").length);
        }
    }

    @Test
    void the_copy_gives_the_vectors_the_jar_gives() {
        String question = "which certification for Google Cloud?";
        float[] fromJar;
        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1)) {
            fromJar = model.embed(question);
        }
        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1, data)) {
            assertArrayEquals(fromJar, model.embed(question));
        }
        assertTrue(ModelFile.in(data, MODEL).isPresent());
    }

    private static long resourceBytes() throws Exception {
        try (InputStream in = ModelFileTest.class.getClassLoader().getResourceAsStream(MODEL)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
