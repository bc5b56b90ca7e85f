package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    /** One token a word is close enough to test the packing; the real tokenizer is tested below. */
    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static Guide guide(String body) {
        return new Guide("knowledge/g.md", "Guide", List.of("t"), List.of(new SourceRef("S", null, null)), null, body, 1);
    }

    @Test
    void a_short_section_is_one_passage_with_its_heading_path() {
        List<Passage> passages = new Chunker(ChunkerTest::words).passages(guide("""
                # Guide
                ## Salaries
                ### Entry level
                Juniors earn $70,000 to $120,000 a year, e.g. in the U.S. market. Seniors earn more.
                """));

        assertEquals(1, passages.size());
        Passage p = passages.get(0);
        assertEquals("Salaries > Entry level", p.section());
        assertEquals("knowledge/g.md#0", p.id());
        assertEquals(List.of("Juniors earn $70,000 to $120,000 a year, e.g. in the U.S. market.", "Seniors earn more."),
                p.units().stream().map(Unit::text).toList());
    }

    @Test
    void lists_keep_their_bullets_and_the_sentence_that_introduces_them() {
        List<Passage> passages = new Chunker(ChunkerTest::words).passages(guide("""
                ## Skills
                The guides name these skills:
                - **Python**, the main language
                - SQL and [data handling](https://example.org)
                  across many tools
                """));

        List<Unit> units = passages.get(0).units();
        assertEquals(3, units.size());
        assertTrue(units.get(0).introducesList());
        assertEquals(new Unit("Python, the main language", Unit.Kind.BULLET, 1), units.get(1));
        assertEquals("SQL and data handling across many tools", units.get(2).text());
    }

    @Test
    void table_rows_become_bullets_that_read_alone() {
        List<Passage> passages = new Chunker(ChunkerTest::words).passages(guide("""
                ## Pay by level
                | Level | Simplilearn |
                |---|---|
                | Entry | $70,000 |
                """));

        assertEquals("Entry; Simplilearn: $70,000", passages.get(0).units().get(0).text());
    }

    @Test
    void a_long_section_is_split_between_paragraphs_and_nothing_is_lost() {
        String paragraph = "This sentence has exactly eight words in it. ";
        String body = "## Long\n" + (paragraph.repeat(5) + "\n\n").repeat(6);
        List<Passage> passages = new Chunker(ChunkerTest::words, 100).passages(guide(body));

        assertTrue(passages.size() > 1, "expected a split, got " + passages.size());
        for (Passage p : passages) {
            assertTrue(words(p.embeddingText()) <= 100, p.embeddingText());
            assertEquals("Long", p.section());
        }
        assertEquals(30, passages.stream().mapToInt(p -> p.units().size()).sum());
    }

    @Test
    void a_sentence_longer_than_the_model_reads_is_split_not_cut() {
        String longSentence = "word ".repeat(250).strip() + ".";
        List<Passage> passages = new Chunker(ChunkerTest::words, 100).passages(guide("## S\n" + longSentence));

        String rejoined = passages.stream().flatMap(p -> p.units().stream()).map(Unit::text)
                .collect(Collectors.joining(" "));
        assertEquals(longSentence, rejoined);
        passages.forEach(p -> assertTrue(words(p.embeddingText()) <= 100));
    }

    @Test
    void every_shipped_passage_fits_the_model_by_its_own_tokenizer() {
        TokenCounter tokens = TokenCounter.forMiniLm();
        KnowledgeBase kb = new KnowledgeLoader(java.nio.file.Path.of("knowledge"), tokens::count).load();
        for (Passage p : kb.passages()) {
            int count = tokens.count(p.embeddingText());
            assertTrue(count <= Chunker.MAX_TOKENS, p.id() + " has " + count + " word pieces");
        }
        assertTrue(kb.passages().size() > 100, "passages: " + kb.passages().size());
    }

    @Test
    void the_tokenizer_counts_word_pieces_not_words() {
        TokenCounter tokens = TokenCounter.forMiniLm();
        assertEquals(2, tokens.count("hello world"));
        assertTrue(tokens.count("unbelievably tokenizable") > 2);
    }
}
