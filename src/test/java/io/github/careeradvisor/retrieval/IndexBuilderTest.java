package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk embedding cache, with the real model and a small knowledge folder of its own. */
class IndexBuilderTest {

    @TempDir
    Path tmp;
    private Path knowledge;
    private Path data;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void writeGuides() throws IOException {
        knowledge = Files.createDirectories(tmp.resolve("knowledge"));
        data = tmp.resolve("data");
        Files.writeString(knowledge.resolve("pay.md"), """
                ---
                title: Pay
                topics: [salary]
                sources: [Simplilearn]
                ---
                ## Entry-level pay
                Simplilearn says entry-level ML engineers earn $70,000 to $120,000 a year.
                ## Senior pay
                Simplilearn says senior ML engineers can earn over $200,000 a year.
                """);
        Files.writeString(knowledge.resolve("skills.md"), """
                ---
                title: Skills
                topics: [skills]
                sources: [Simplilearn]
                ---
                ## Languages
                Python is the language most ML engineers use.
                """);
    }

    private IndexBuilder.Built build() {
        KnowledgeBase kb = new KnowledgeLoader(knowledge, t -> t.split("\\s+").length).load();
        return new IndexBuilder(TestAdvisors.embedder(), data, warnings::add).build(kb);
    }

    @Test
    void a_restart_with_the_cache_in_place_embeds_nothing_and_reads_the_same_vectors() {
        IndexBuilder.Built built = build();
        IndexBuilder.Built read = build();
        IndexReport first = built.report();
        IndexReport second = read.report();

        assertEquals(3, first.passages());
        assertEquals(first.texts(), first.embedded());
        assertEquals(0, second.embedded());
        assertEquals(first.texts(), second.reused());
        assertEquals(List.of(), warnings);
        for (String question : List.of("how much do juniors earn", "which language should I learn?")) {
            assertEquals(built.retriever().retrieve(question), read.retriever().retrieve(question),
                    "every similarity the same, to the last bit: " + question);
        }
    }

    @Test
    void a_changed_guide_re_embeds_only_what_changed() throws IOException {
        build();
        Files.writeString(knowledge.resolve("skills.md"), Files.readString(knowledge.resolve("skills.md"))
                .replace("Python is the language", "Python is the programming language"));

        IndexReport report = build().report();

        assertEquals(2, report.embedded(), "the passage and its one sentence");
        assertEquals(report.texts() - 2, report.reused());
    }

    @Test
    void a_corrupt_cache_is_rebuilt_with_a_warning() throws IOException {
        IndexReport first = build().report();
        Path cache = Path.of(first.cacheFile());
        byte[] bytes = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        IndexReport report = build().report();

        assertEquals(report.texts(), report.embedded());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("warning: embedding cache '" + cache + "' is unreadable ("),
                warnings.get(0));
        assertTrue(warnings.get(0).endsWith("(the file ends early (truncated)); rebuilding it"), warnings.get(0));
        assertEquals(0, build().report().embedded(), "the rebuilt cache is good again");
    }

    @Test
    void a_cache_with_a_number_that_is_not_finite_or_bytes_after_its_entries_is_rebuilt() throws IOException {
        Path cache = Path.of(build().report().cacheFile());
        byte[] whole = Files.readAllBytes(cache);
        byte[] nan = whole.clone();
        java.nio.ByteBuffer.wrap(nan).putFloat(nan.length - 4, Float.NaN); // the last entry's last number

        Files.write(cache, nan);
        IndexReport report = build().report();
        Files.write(cache, java.util.Arrays.copyOf(whole, whole.length + 3));
        IndexReport longer = build().report();

        assertEquals(report.texts(), report.embedded());
        assertEquals(longer.texts(), longer.embedded());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("holds a number that is not finite"), warnings.get(0));
        assertTrue(warnings.get(1).contains("unexpected bytes after"), warnings.get(1));
    }

    @Test
    void a_file_that_is_not_a_cache_is_rebuilt_with_a_warning() throws IOException {
        Files.createDirectories(data);
        Files.writeString(data.resolve("embeddings-all-minilm-l6-v2.bin"), "garbage");

        IndexReport report = build().report();

        assertEquals(report.texts(), report.embedded());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void an_unwritable_data_dir_costs_time_but_still_answers() throws IOException {
        Files.writeString(data, "a file where the data dir should be");

        IndexBuilder.Built built = build();

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("warning: cannot write the embedding cache"), warnings.get(0));
        assertTrue(built.retriever().retrieve("how much do juniors earn").relevant());
    }

    @Test
    void finds_by_meaning_and_by_words_and_declines_what_is_not_there() {
        HybridRetriever retriever = build().retriever();

        Retrieval pay = retriever.retrieve("how much money does a beginner make?");
        Retrieval python = retriever.retrieve("Python");
        Retrieval weather = retriever.retrieve("what's the weather in Paris tomorrow?");

        assertEquals("Entry-level pay", pay.passages().get(0).passage().section());
        assertEquals("Languages", python.passages().get(0).passage().section());
        assertFalse(weather.relevant());
        assertTrue(weather.passages().isEmpty());
    }

    @Test
    void a_search_made_lately_is_a_lookup_until_the_retriever_forgets_it() {
        HybridRetriever retriever = build().retriever();
        Retrieval first = retriever.retrieve("how much money does a beginner make?");

        assertSame(first, retriever.retrieve("how much money does a beginner make?"));
        retriever.forgetRecent();
        Retrieval again = retriever.retrieve("how much money does a beginner make?");

        assertNotSame(first, again, "searched in full after forgetRecent");
        assertEquals(first, again);
    }
}
