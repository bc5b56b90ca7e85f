package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.bench.EvalSet;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.TokenCounter;
import io.github.careeradvisor.knowledge.Unit;
import io.github.careeradvisor.storage.KeyedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BM25 word index, built, or read from the file an earlier start kept in the data dir. */
class LexicalIndexTest {

    private static final Optional<String> PROGRAM = Optional.of("program-1");

    /** The fields and their weights, as LexicalIndex has them, in its order. */
    private static final Map<String, Float> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("body", 1.0f);
        FIELDS.put("headline", 1.5f);
        FIELDS.put("topics", 0.7f);
    }

    @TempDir
    Path data;

    private final List<String> warnings = new ArrayList<>();

    private static Passage passage(int i, String text) {
        return new Passage("p#" + i, "p.md", "Guide", "Section " + i, List.of("topic" + i),
                List.of(new Unit(text, Unit.Kind.SENTENCE, 0)));
    }

    private static final List<Passage> PASSAGES = List.of(
            passage(0, "A junior machine learning engineer earns a modest salary."),
            passage(1, "Senior engineers lead projects and mentor others."),
            passage(2, "The Google Cloud certification exam lasts two hours."));

    private Path file() {
        return data.resolve(LexicalIndex.FILE);
    }

    private static List<Integer> hits(LexicalIndex index, String question) {
        return index.search(index.terms(question), 3).stream().map(LexicalIndex.Hit::passage).toList();
    }

    @Test
    void the_first_start_builds_and_keeps_the_index_and_the_next_reads_it() throws Exception {
        LexicalIndex built = LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);
        assertTrue(Files.isRegularFile(file()));
        Files.setLastModifiedTime(file(), FileTime.fromMillis(0));

        LexicalIndex kept = LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);

        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(file()), "read, not written again");
        assertEquals(List.of(), warnings);
        for (String question : List.of("how long is the exam?", "what does a junior earn?", "senior mentor salary")) {
            assertEquals(hits(built, question), hits(kept, question), question);
            assertEquals(built.search(built.terms(question), 3), kept.search(kept.terms(question), 3), "the same scores");
        }
        assertEquals(List.of(2), hits(kept, "how long is the exam?"));
    }

    @Test
    void changed_passages_or_another_program_build_it_again_without_a_warning() throws Exception {
        LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);
        List<Passage> changed = List.of(PASSAGES.get(0), PASSAGES.get(1),
                passage(2, "The AWS certification exam lasts three hours."));

        LexicalIndex index = LexicalIndex.open(changed, file(), PROGRAM, warnings::add);
        assertEquals(List.of(2), hits(index, "which AWS exam?"), "the new passage's words");
        Files.setLastModifiedTime(file(), FileTime.fromMillis(0));
        LexicalIndex.open(changed, file(), Optional.of("program-2"), warnings::add);

        assertTrue(Files.getLastModifiedTime(file()).toMillis() > 0, "written anew for the other program");
        assertEquals(List.of(), warnings);
    }

    @Test
    void a_damaged_file_is_told_and_the_index_built_again() throws Exception {
        LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file(), bytes);

        LexicalIndex index = LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);

        assertEquals(List.of(2), hits(index, "how long is the exam?"));
        assertEquals(List.of("warning: the word index in " + file() + " was not used (its contents do not match their "
                + "checksum); it is built again and the file written anew"), warnings);
        warnings.clear();
        LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);
        assertEquals(List.of(), warnings, "written anew, whole");
    }

    @Test
    void an_index_of_other_passages_under_the_right_key_is_refused() throws Exception {
        // As if the key missed a change: the index read back must still index exactly the passages given.
        List<Passage> two = PASSAGES.subList(0, 2);
        LexicalIndex.open(two, file(), PROGRAM, warnings::add);
        byte[] kept = KeyedFile.read(file(), LexicalIndex.MAGIC,
                LexicalIndex.key(PROGRAM.get(), two)).orElseThrow();
        KeyedFile.write(file(), LexicalIndex.MAGIC, LexicalIndex.key(PROGRAM.get(), PASSAGES), kept);

        LexicalIndex index = LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);

        assertEquals(List.of(2), hits(index, "how long is the exam?"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("it indexes other passages than the 3 given"), warnings.get(0));
    }

    @Test
    void every_question_gets_the_hits_and_scores_of_lucenes_query_of_all_its_words() throws Exception {
        // The shipped guides' index (each word's shares kept) against the plain Lucene query the search stands
        // for. Asked: every evaluation question, the same words in reverse order, and 500 random bags of the
        // guides' own words (a seeded draw, 1 to 40 words each).
        List<Passage> passages = shipped();
        LexicalIndex built = LexicalIndex.open(passages, file(), PROGRAM, warnings::add);
        // Read back as a later start reads it: every word's shares, no Lucene index.
        LexicalIndex index = LexicalIndex.open(passages, file(), PROGRAM, warnings::add);
        assertFalse(index.scoresWithLucene());
        assertTrue(built.scoresWithLucene());
        assertEquals(built.unitTerms(passages), index.unitTerms(passages), "each unit's words, read back");
        LexicalIndex unkept = new LexicalIndex(passages);
        assertEquals(unkept.unitTerms(passages), index.unitTerms(passages), "as the analysis gives them");
        List<Set<String>> asked = questions(index);
        List<String> words = passages.stream().flatMap(p -> index.terms(p.body()).stream()).distinct().sorted().toList();
        Random random = new Random(16);
        for (int i = 0; i < 500; i++) {
            Set<String> bag = new LinkedHashSet<>();
            for (int n = 1 + random.nextInt(40); n > 0; n--) {
                bag.add(words.get(random.nextInt(words.size())));
            }
            asked.add(bag);
        }
        assertTrue(compareWithLucene(index, passages, asked) > 700, "questions with more than one hit");
        assertTrue(compareWithLucene(built, passages, asked) > 700, "questions with more than one hit");
        assertEquals(List.of(), warnings);
    }

    @Test
    void above_the_size_whose_shares_are_kept_the_scorers_give_lucenes_hits_too() throws Exception {
        // Passages of the shipped guides' sentences recombined (a seeded draw), one more than the size up to
        // which each word's shares are kept: each search runs the words' scorers instead.
        List<Passage> shipped = shipped();
        Random random = new Random(20);
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i <= LexicalIndex.KEEP_SHARES_UP_TO; i++) {
            Passage from = shipped.get(random.nextInt(shipped.size()));
            Passage other = shipped.get(random.nextInt(shipped.size()));
            List<Unit> units = new ArrayList<>(from.units());
            units.add(new Unit(other.units().get(random.nextInt(other.units().size())).text(), Unit.Kind.SENTENCE,
                    units.get(units.size() - 1).block() + 1));
            passages.add(new Passage("grown#" + i, "grown/" + i + ".md", from.title(), from.section(), from.topics(), units));
        }
        LexicalIndex.open(passages, file(), PROGRAM, warnings::add);
        // Read back as a later start reads it: Lucene's files, not the shares.
        LexicalIndex index = LexicalIndex.open(passages, file(), PROGRAM, warnings::add);
        assertTrue(index.scoresWithLucene());
        assertTrue(compareWithLucene(index, passages, questions(index)) > 250, "questions with more than one hit");
        assertEquals(List.of(), warnings);
    }

    @Test
    void shares_that_make_no_sense_under_a_good_checksum_are_told_and_the_index_built_again() throws Exception {
        // The form itself, written by hand, is read back as it is: the body's "exam" in passage 2 alone.
        KeyedFile.write(file(), LexicalIndex.MAGIC, LexicalIndex.key(PROGRAM.get(), PASSAGES), shares(1f, 1, "exam"));
        LexicalIndex handMade = LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);
        assertEquals(List.of(), warnings);
        assertFalse(handMade.scoresWithLucene());
        assertEquals(List.of(new LexicalIndex.Hit(2, 1f)), handMade.search(handMade.terms("exam"), 3));
        // Words past ASCII come back as written (Java's modified UTF-8: a NUL as two bytes, a sign beyond the BMP as
        // two three-byte halves), beside ASCII ones.
        List<String> odd = List.of("café", "naïve", "日本", "a\u0000b", "𝔼x", "exam");
        KeyedFile.write(file(), LexicalIndex.MAGIC, LexicalIndex.key(PROGRAM.get(), PASSAGES),
                shares(1f, odd.size(), odd.toArray(String[]::new)));
        LexicalIndex oddWords = LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(Set.copyOf(odd), oddWords.unitTerms(PASSAGES).get(0).get(0));
        // Each a file a bug or a hand could write: its checksum right, its contents not an index of these passages.
        List<byte[]> contents = List.of(new byte[0], new byte[] {0, 0, 0, 3, 0, 0, 0, 0},
                shares(Float.NaN, Integer.MAX_VALUE), shares(1f, Integer.MAX_VALUE), shares(1f, -1),
                shares(1f, 2, "exam", "exam"), shares(1f, 1, "exam", "more"));
        for (byte[] kept : contents) {
            KeyedFile.write(file(), LexicalIndex.MAGIC, LexicalIndex.key(PROGRAM.get(), PASSAGES), kept);
            warnings.clear();

            LexicalIndex index = LexicalIndex.open(PASSAGES, file(), PROGRAM, warnings::add);

            assertEquals(List.of(2), hits(index, "how long is the exam?"));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("warning: the word index in " + file() + " was not used ("),
                    warnings.get(0));
            assertTrue(warnings.get(0).contains("CorruptIndexException") || warnings.get(0).contains("EOFException"),
                    warnings.get(0));
        }
    }

    /**
     * Shares of the three {@link #PASSAGES} as the file holds them: each document's passage, the body's one
     * word "exam" in document 2 scoring {@code score}, no other field's words, then one unit a passage, the
     * first with {@code count} words (and {@code words} after it), the others none.
     */
    private static byte[] shares(float score, int count, String... words) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(3);
            for (int passage = 0; passage < 3; passage++) {
                out.writeInt(passage);
            }
            out.writeInt(1);
            out.writeUTF("exam");
            out.writeInt(1);
            out.writeInt(2);
            out.writeFloat(score);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(1);
            out.writeInt(count);
            for (String word : words) {
                out.writeUTF(word);
            }
            for (int passage = 1; passage < 3; passage++) {
                out.writeInt(1);
                out.writeInt(0);
            }
        }
        return bytes.toByteArray();
    }


    private static List<Passage> shipped() {
        TokenCounter tokens = TokenCounter.forMiniLm();
        return new KnowledgeLoader(Path.of("knowledge"), tokens::count).load().passages();
    }

    /** Every evaluation question's words, and the same words in reverse order. */
    private static List<Set<String>> questions(LexicalIndex index) throws Exception {
        List<Set<String>> asked = new ArrayList<>();
        for (String question : EvalSet.load().all()) {
            List<String> terms = new ArrayList<>(index.terms(question));
            asked.add(new LinkedHashSet<>(terms));
            Collections.reverse(terms);
            asked.add(new LinkedHashSet<>(terms));
        }
        return asked;
    }

    /**
     * Asks {@code index} each of {@code asked} and Lucene's query of all its words (every word in every field,
     * each field's words a boolean query boosted by the field's weight) over Lucene's index of the same
     * passages; the same 20 hits and scores, or the test fails. Returns how many had more than one.
     */
    private int compareWithLucene(LexicalIndex index, List<Passage> passages, List<Set<String>> asked) throws Exception {
        ByteBuffersDirectory directory = LexicalIndex.built(passages);
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher plain = new IndexSearcher(reader);
            plain.setSimilarity(new BM25Similarity());
            int compared = 0;
            for (Set<String> terms : asked) {
                BooleanQuery.Builder query = new BooleanQuery.Builder();
                for (var field : FIELDS.entrySet()) {
                    BooleanQuery.Builder inField = new BooleanQuery.Builder();
                    terms.stream().limit(LexicalIndex.MAX_TERMS).forEach(t -> inField.add(
                            new TermQuery(new Term(field.getKey(), t)), BooleanClause.Occur.SHOULD));
                    query.add(new BoostQuery(inField.build(), field.getValue()), BooleanClause.Occur.SHOULD);
                }
                List<LexicalIndex.Hit> expected = new ArrayList<>();
                for (ScoreDoc hit : plain.search(query.build(), HybridRetriever.CANDIDATES).scoreDocs) {
                    int passage = reader.storedFields().document(hit.doc).getField("ord").numericValue().intValue();
                    expected.add(new LexicalIndex.Hit(passage, hit.score));
                }
                assertEquals(expected, index.search(terms, HybridRetriever.CANDIDATES), terms.toString());
                compared += expected.size() > 1 ? 1 : 0;
            }
            return compared;
        }
    }

    @Test
    void without_a_program_identity_it_is_built_and_nothing_kept() {
        LexicalIndex index = LexicalIndex.open(PASSAGES, file(), Optional.empty(), warnings::add);

        assertEquals(List.of(0), hits(index, "junior salary"));
        assertFalse(Files.exists(file()));
    }

    @Test
    void a_file_that_cannot_be_written_is_told_and_the_built_index_serves() {
        Path nowhere = data.resolve("no-such-dir").resolve(LexicalIndex.FILE);

        LexicalIndex index = LexicalIndex.open(PASSAGES, nowhere, PROGRAM, warnings::add);

        assertEquals(List.of(1), hits(index, "who mentors?"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("warning: the word index could not be kept in " + nowhere), warnings.get(0));
    }
}
