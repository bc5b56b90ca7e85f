package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.bench.EvalSet;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.TokenCounter;
import io.github.careeradvisor.knowledge.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our own run of the model gives the vectors langchain4j's in-process models give, text by text, for
 * everything the program embeds: the shipped guides' passages and sentences and the evaluation's questions.
 */
class MiniLmTest {

    /** Float rounding apart (summing in another order), the same vector. */
    private static final double SAME = 1e-5;

    private static List<String> texts;

    @BeforeAll
    static void texts() {
        KnowledgeBase knowledge;
        TokenCounter tokens = TokenCounter.forMiniLm();
        knowledge = new KnowledgeLoader(Path.of("knowledge"), tokens::count).load();
        texts = new ArrayList<>(EvalSet.load().all());
        for (Passage p : knowledge.passages()) {
            texts.add(p.embeddingText());
            for (Unit u : p.units()) {
                texts.add(IndexBuilder.unitText(p, u));
            }
        }
        // Longer than the model's 128 word pieces: both cut it at the same place.
        texts.add(String.join(" ", knowledge.passages().subList(0, 5).stream().map(Passage::body).toList()));
        texts.add("WHAT DOES A JUNIOR ML ENGINEER EARN IN MÜNCHEN? 💶");
    }

    @Test
    void our_run_of_the_model_gives_langchain4js_vectors_for_every_text_the_program_embeds() {
        assertSameVectors(new AllMiniLmL6V2EmbeddingModel(), TestAdvisors.embedder().model());
    }

    @Test
    void the_quantized_model_the_benchmark_measures_gives_langchain4js_vectors_too() {
        try (MiniLm ours = new MiniLm(MiniLm.QUANTIZED, 1)) {
            assertSameVectors(new AllMiniLmL6V2QuantizedEmbeddingModel(), ours);
        }
    }

    @Test
    void texts_embedded_together_across_cores_get_the_vectors_each_gets_alone() {
        Embedder embedder = TestAdvisors.embedder();
        List<String> some = texts.subList(0, 300);
        List<float[]> together = embedder.embedAll(some, 2, Embedder.BATCH);
        for (int i = 0; i < some.size(); i++) {
            assertClose(embedder.embed(some.get(i)), together.get(i), some.get(i));
        }
    }

    @Test
    void the_vocabulary_holds_words_of_the_language_whole_and_not_slips_or_unknown_letters() {
        MiniLm model = TestAdvisors.embedder().model();
        for (String word : List.of("already", "weather", "tell", "renew", "banana")) {
            assertTrue(model.isWholeWord(word), word);
        }
        // Slips and words cut into pieces; a script the vocabulary lacks is one [UNK], not a word.
        for (String word : List.of("salery", "machien", "calories", "tensorflow", "ქართული", "already cut")) {
            assertFalse(model.isWholeWord(word), word);
        }
    }

    @Test
    void a_text_without_a_word_piece_is_refused_by_name() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestAdvisors.embedder().embed(" \t "));
        assertEquals("no word piece to embed in ' \t '", e.getMessage());
    }

    private static void assertSameVectors(EmbeddingModel reference, MiniLm ours) {
        for (String text : texts) {
            assertClose(reference.embed(TextSegment.from(text)).content().vector(), ours.embed(text), text);
        }
    }

    private static void assertClose(float[] expected, float[] actual, String text) {
        assertEquals(expected.length, actual.length, text);
        double worst = 0;
        for (int d = 0; d < expected.length; d++) {
            worst = Math.max(worst, Math.abs(expected[d] - actual[d]));
        }
        assertTrue(worst < SAME, "'" + text + "' differs by " + worst);
    }
}
