package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.careeradvisor.bench.EvalSet;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.TokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model as ONNX Runtime optimises it, kept in the data dir and loaded from there (README, "Performance"). */
class OptimizedModelTest {

    private static List<String> texts;
    private static List<float[]> fromJar;

    @TempDir
    Path data;

    @BeforeAll
    static void vectorsFromTheJar() {
        KnowledgeBase knowledge;
        TokenCounter tokens = TokenCounter.forMiniLm();
        knowledge = new KnowledgeLoader(Path.of("knowledge"), tokens::count).load();
        texts = new ArrayList<>(EvalSet.load().all());
        knowledge.passages().stream().map(Passage::embeddingText).forEach(texts::add);
        texts.add(String.join(" ", knowledge.passages().subList(0, 5).stream().map(Passage::body).toList())); // cut at 128
        fromJar = new ArrayList<>();
        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1)) { // the model's own bytes, no data dir
            texts.forEach(t -> fromJar.add(model.embed(t)));
        }
    }

    @Test
    void the_start_that_saves_it_and_the_starts_that_load_it_give_the_jar_model_s_vectors_bit_for_bit() throws Exception {
        for (String start : List.of("saving", "loading")) {
            try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1, data)) {
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(fromJar.get(i), model.embed(texts.get(i)), start + ": " + texts.get(i));
                }
            }
            assertTrue(OptimizedModel.find(dir()).isPresent(), start);
        }
    }

    @Test
    void the_quantized_model_kept_the_same_way_gives_its_jar_model_s_vectors_bit_for_bit() throws Exception {
        List<float[]> own = new ArrayList<>();
        try (MiniLm model = new MiniLm(MiniLm.QUANTIZED, 1)) {
            texts.forEach(t -> own.add(model.embed(t)));
        }
        for (String start : List.of("saving", "loading")) {
            try (MiniLm model = new MiniLm(MiniLm.QUANTIZED, 1, data)) {
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(own.get(i), model.embed(texts.get(i)), start + ": " + texts.get(i));
                }
            }
        }
        try (Stream<Path> files = Files.list(data)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(MiniLm.QUANTIZED + "-")
                    && Files.isDirectory(f) && OptimizedModel.find(f).isPresent()), "kept beside its copy");
        }
    }

    @Test
    void the_first_start_saves_it_whole_beside_the_copy_and_later_ones_load_it_as_it_is() throws Exception {
        new MiniLm(MiniLm.FLOAT, 1, data).close();
        Path dir = dir();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(OptimizedModel.STAMP, OptimizedModel.WEIGHTS, OptimizedModel.GRAPH),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), "the owner's only");
        for (String file : List.of(OptimizedModel.WEIGHTS, OptimizedModel.GRAPH, OptimizedModel.STAMP)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))), file);
        }
        assertTrue(Files.size(dir.resolve(OptimizedModel.WEIGHTS)) > 80_000_000, "the weights in a file of their own");
        assertTrue(Files.size(dir.resolve(OptimizedModel.GRAPH)) < 1_000_000, "a graph without them");
        try (Stream<Path> files = Files.list(data)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary dir left");
        }
        FileTime saved = Files.getLastModifiedTime(dir.resolve(OptimizedModel.WEIGHTS));

        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1, data)) {
            assertArrayEquals(fromJar.get(0), model.embed(texts.get(0)));
        }
        assertEquals(saved, Files.getLastModifiedTime(dir.resolve(OptimizedModel.WEIGHTS)), "loaded, not saved again");
    }

    @Test
    void weights_damaged_in_place_are_found_and_saved_again_and_a_file_only_touched_is_kept() throws Exception {
        new MiniLm(MiniLm.FLOAT, 1, data).close();
        Path weights = dir().resolve(OptimizedModel.WEIGHTS);
        Files.setLastModifiedTime(weights, FileTime.fromMillis(0)); // touched: its CRC is read and still matches

        assertEquals(Optional.of(dir().resolve(OptimizedModel.GRAPH)), OptimizedModel.find(dir()));
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(weights), "kept as it is");
        assertTrue(Files.readString(dir().resolve(OptimizedModel.STAMP)).contains(" " + Files.size(weights) + " 0\n"),
                "stamped anew with the time it has now: " + Files.readString(dir().resolve(OptimizedModel.STAMP)));

        byte[] damaged = Files.readAllBytes(weights);
        damaged[damaged.length / 2] ^= 0x5a; // one weight's byte flipped: the sizes are right, the model is not
        Files.write(weights, damaged);

        assertEquals(Optional.empty(), OptimizedModel.find(dir()));
        assertFalse(Files.exists(dir()), "deleted");
        try (MiniLm model = new MiniLm(MiniLm.FLOAT, 1, data)) { // saved again
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(fromJar.get(i), model.embed(texts.get(i)), texts.get(i));
            }
        }
        assertTrue(OptimizedModel.find(dir()).isPresent());
    }

    @Test
    void other_versions_and_what_a_killed_save_left_are_deleted_and_another_model_s_kept() throws Exception {
        Path copy = ModelFile.in(data, MiniLm.FLOAT + ".onnx").orElseThrow();
        Path older = Files.createDirectories(data.resolve("all-minilm-l6-v2-0badc0de-ort1.16.3"));
        Files.write(older.resolve(OptimizedModel.WEIGHTS), new byte[] {1});
        Path olderRuntime = Files.createDirectories(OptimizedModel.dir(copy, "1.16.3"));
        Path leftover = Files.createDirectories(data.resolve(OptimizedModel.dir(copy, "9.9.9").getFileName() + "42.tmp"));
        Files.setLastModifiedTime(leftover, FileTime.fromMillis(0));
        Path young = Files.createDirectories(data.resolve(OptimizedModel.dir(copy, "9.9.9").getFileName() + "43.tmp"));
        Path quantized = Files.createDirectories(data.resolve("all-minilm-l6-v2-q-0badc0de-ort1.16.3"));

        new MiniLm(MiniLm.FLOAT, 1, data).close();

        assertFalse(Files.exists(older), "another version of the model");
        assertFalse(Files.exists(olderRuntime), "another version of ONNX Runtime");
        assertFalse(Files.exists(leftover), "a killed save's, long ago");
        assertTrue(Files.exists(young), "maybe another process's, still saving");
        assertTrue(Files.exists(quantized), "another model's is not this one's to delete");
        assertTrue(OptimizedModel.find(dir()).isPresent());
    }

    @Test
    void a_saved_dir_onnx_runtime_cannot_load_is_deleted_and_a_failed_save_is_not_tried_again_for_a_day()
            throws Exception {
        Path copy = ModelFile.in(data, MiniLm.FLOAT + ".onnx").orElseThrow();
        Path dir = dir();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            OptimizedModel.Sessions onnxRuntime = MiniLm.optimised(OrtEnvironment.getEnvironment(), options, 1, true);
            Counting real = new Counting(onnxRuntime);
            OptimizedModel.session(dir, copy, real).orElseThrow().close();
            assertEquals(1, real.saves);

            Counting refusing = new Counting(onnxRuntime) {
                @Override
                public OrtSession load(Path graph) throws OrtException {
                    loads++;
                    throw new OrtException("as for a file ONNX Runtime cannot read");
                }
            };
            assertEquals(Optional.empty(), OptimizedModel.session(dir, copy, refusing), "the caller reads the copy");
            assertEquals(1, refusing.saves, "saved again, then refused again");
            assertFalse(Files.exists(dir));
            assertTrue(Files.exists(dir.resolveSibling(dir.getFileName() + OptimizedModel.FAILED)));

            assertEquals(Optional.empty(), OptimizedModel.session(dir, copy, real));
            assertEquals(1, real.saves, "not tried again within the day");

            Files.setLastModifiedTime(dir.resolveSibling(dir.getFileName() + OptimizedModel.FAILED),
                    FileTime.from(Instant.now().minus(OptimizedModel.RETRY_AFTER).minusSeconds(60)));
            OptimizedModel.session(dir, copy, real).orElseThrow().close();
            assertEquals(2, real.saves, "tried again a day later");
            assertFalse(Files.exists(dir.resolveSibling(dir.getFileName() + OptimizedModel.FAILED)), "the mark goes");
            assertTrue(OptimizedModel.find(dir).isPresent());
        }
    }

    @Test
    void a_start_that_loses_the_race_to_save_it_loads_the_winner_s_and_leaves_no_temporary_dir() throws Exception {
        Path copy = ModelFile.in(data, MiniLm.FLOAT + ".onnx").orElseThrow();
        Path dir = dir();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            OptimizedModel.Sessions real = MiniLm.optimised(OrtEnvironment.getEnvironment(), options, 1, true);
            Counting racing = new Counting(real) {
                @Override
                public OrtSession save(Path from, Path graph) throws OrtException {
                    OrtSession session = super.save(from, graph);
                    // Meanwhile another start saved it whole: its dir is there first.
                    OptimizedModel.session(dir, copy, real).orElseThrow().close();
                    return session;
                }
            };
            FileTime winners = null;
            try (OrtSession session = OptimizedModel.session(dir, copy, racing).orElseThrow()) {
                winners = Files.getLastModifiedTime(dir.resolve(OptimizedModel.STAMP));
                assertEquals(1, racing.loads, "the winner's, loaded");
            }
            assertEquals(winners, Files.getLastModifiedTime(dir.resolve(OptimizedModel.STAMP)));
            try (Stream<Path> files = Files.list(data)) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "the loser's temporary dir is gone");
            }
        }
    }

    /** Sessions made by {@code real}, counted. */
    private static class Counting implements OptimizedModel.Sessions {
        private final OptimizedModel.Sessions real;
        int loads;
        int saves;

        Counting(OptimizedModel.Sessions real) {
            this.real = real;
        }

        @Override
        public OrtSession load(Path graph) throws OrtException {
            loads++;
            return real.load(graph);
        }

        @Override
        public OrtSession save(Path copy, Path graph) throws OrtException {
            saves++;
            return real.save(copy, graph);
        }
    }

    /** Where the model's optimised form is kept in {@link #data}. */
    private Path dir() throws Exception {
        Path copy = ModelFile.in(data, MiniLm.FLOAT + ".onnx").orElseThrow();
        return OptimizedModel.dir(copy, ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());
    }
}
