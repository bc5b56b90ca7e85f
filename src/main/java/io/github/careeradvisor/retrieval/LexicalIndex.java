package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.storage.KeyedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * BM25 over the passages with Lucene's English analysis (stop words, possessives, Porter stemming). The
 * index lives in memory: the shipped knowledge indexes in milliseconds.
 */
final class LexicalIndex implements AutoCloseable {

    static final String FILE = "word-index.bin";
    static final int MAGIC = 0x5749_0001;
    private static final String ORD = "ord";
    /** Fields searched, with how much a match in each counts. */
    private static final List<FieldWeight> FIELDS = List.of(
            new FieldWeight("body", 1.0f), new FieldWeight("headline", 1.5f), new FieldWeight("topics", 0.7f));

    private record FieldWeight(String name, float boost) {
    }

    record Hit(int passage, float score) {
    }

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    /** Each Lucene document's passage, read once here instead of from its stored field at every hit. */
    private final int[] passageOf;
    private final Map<String, Set<String>> vocabulary;
    /** Each word's weight in each field ({@link #weight}). */
    private final Map<Term, Weight> weights = new ConcurrentHashMap<>();
    /** Each thread's running sums, made at its first search (see {@link Sums}). */
    private final ThreadLocal<Sums> sums;
    /**
     * Up to this many passages, each word's shares are kept once worked out, not scored again at each
     * search: at most a few MB even at the limit, and a search over the shipped guides then makes no
     * scorer at all (one scorer per word and field per search cost about three times as much there).
     */
    static final int KEEP_SHARES_UP_TO = 20_000;
    /** Each word's shares in each field, by field and word; null for an index above {@link #KEEP_SHARES_UP_TO}. */
    private final @Nullable Map<Term, Shares> shares;

    LexicalIndex(List<Passage> passages) {
        this(built(passages), passages.size());
    }

    /** Over an index already made, of {@code passages} documents; a {@link CorruptIndexException} if it is not that. */
    private LexicalIndex(ByteBuffersDirectory directory, int passages) {
        this.directory = directory;
        this.sums = ThreadLocal.withInitial(() -> new Sums(passages));
        this.shares = passages <= KEEP_SHARES_UP_TO ? new ConcurrentHashMap<>() : null;
        DirectoryReader opened = null;
        try {
            opened = DirectoryReader.open(directory);
            reader = opened;
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            // Nothing here is worth caching: each word's weight is kept by this class instead.
            searcher.setQueryCache(null);
            passageOf = new int[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            for (int doc = 0; doc < passageOf.length; doc++) {
                passageOf[doc] = stored.document(doc).getField(ORD).numericValue().intValue();
            }
            vocabulary = vocabulary(reader);
            if (passageOf.length != passages || Arrays.stream(passageOf).distinct().count() != passages
                    || Arrays.stream(passageOf).anyMatch(p -> p < 0 || p >= passages)) {
                throw new CorruptIndexException("it indexes other passages than the " + passages + " given", "");
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            throw e instanceof IOException io ? new UncheckedIOException("opening the in-memory BM25 index", io)
                    : (RuntimeException) e;
        }
    }

    private static ByteBuffersDirectory built(List<Passage> passages) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (Analyzer analyzer = new EnglishAnalyzer();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < passages.size(); i++) {
                Passage p = passages.get(i);
                Document doc = new Document();
                doc.add(new StoredField(ORD, i));
                doc.add(new TextField("body", p.body(), Field.Store.NO));
                doc.add(new TextField("headline", p.headline(), Field.Store.NO));
                doc.add(new TextField("topics", String.join(" ", p.topics()), Field.Store.NO));
                writer.addDocument(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory BM25 index", e);
        }
        return directory;
    }

    /**
     * The index of {@code passages}: read from {@code file} when an earlier start of this program kept it
     * there for the same passages, else built and kept there for the next starts. Building it ran
     * Lucene's analysis over every passage, about a third of a second of each start (README,
     * "Performance"). A file that cannot be kept, or is found damaged, is told to {@code warnings} and
     * costs only the build.
     */
    static LexicalIndex open(List<Passage> passages, Path file, Consumer<String> warnings) {
        return open(passages, file, KeyedFile.program(), warnings);
    }

    /** The same, with the program's identity given (none: always built, nothing kept). */
    static LexicalIndex open(List<Passage> passages, Path file, Optional<String> program, Consumer<String> warnings) {
        Optional<String> key = program.map(p -> key(p, passages));
        if (key.isEmpty()) {
            return new LexicalIndex(passages); // run from a folder of classes: nothing to key a file by
        }
        try {
            Optional<byte[]> kept = KeyedFile.read(file, MAGIC, key.get());
            if (kept.isPresent()) {
                return new LexicalIndex(directoryOf(kept.get()), passages.size());
            }
        } catch (IOException | RuntimeException e) {
            Throwable why = e instanceof UncheckedIOException ? e.getCause() : e;
            warnings.accept("warning: the word index in " + file + " was not used ("
                    + (why instanceof KeyedFile.Damaged ? why.getMessage() : why.toString())
                    + "); it is built again and the file written anew");
        }
        ByteBuffersDirectory built = built(passages);
        try {
            KeyedFile.write(file, MAGIC, key.get(), bytesOf(built));
        } catch (IOException | UncheckedIOException e) {
            warnings.accept("warning: the word index could not be kept in " + file + " (" + e + "); each start builds it "
                    + "again (check ADVISOR_DATA_DIR)");
        }
        return new LexicalIndex(built, passages.size());
    }

    /** What the index depends on besides the program: each passage's indexed fields, in order. */
    static String key(String program, List<Passage> passages) {
        KeyedFile.Key key = new KeyedFile.Key().add(program).add(Integer.toString(passages.size()));
        for (Passage p : passages) {
            key.add(p.body()).add(p.headline()).add(String.join(" ", p.topics()));
        }
        return key.hex();
    }

    /** The index's files, one after another: their count, then each one's name, length and bytes. */
    private static byte[] bytesOf(ByteBuffersDirectory directory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            String[] files = directory.listAll();
            out.writeInt(files.length);
            for (String name : files) {
                try (IndexInput in = directory.openInput(name, IOContext.READONCE)) {
                    byte[] file = new byte[Math.toIntExact(in.length())];
                    in.readBytes(file, 0, file.length);
                    out.writeUTF(name);
                    out.writeInt(file.length);
                    out.write(file);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static ByteBuffersDirectory directoryOf(byte[] kept) throws IOException {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(kept))) {
            int files = in.readInt();
            for (int i = 0; i < files; i++) {
                String name = in.readUTF();
                byte[] file = in.readNBytes(in.readInt());
                try (IndexOutput out = directory.createOutput(name, IOContext.DEFAULT)) {
                    out.writeBytes(file, file.length);
                }
            }
        }
        return directory;
    }

    /**
     * Distinct query words searched at most: a 4,096-character question has hundreds, each a pass over
     * its postings, and Lucene's query of them (the scores' reference) has a clause limit.
     */
    static final int MAX_TERMS = 64;

    /**
     * The best {@code k} passages by BM25 for a question's analysed terms (from {@link #terms}), best
     * first; none when no word matches. The scores and the order are those of Lucene's query of every
     * word in every field, each field's words in a boolean query boosted by the field's weight, ties to
     * the earlier document; building that query's weights and scorers and collecting its hits cost most of
     * a search over a few hundred passages. Instead each word's scorer in each field is Lucene's own, its
     * weight made once ({@link #weight}), and its shares are added as Lucene adds them: each field's in a
     * double, rounded to a float (but for a field of weight 1, whose words Lucene adds one by one), then
     * the fields' in a double, rounded to a float. A double holds a sum of up to {@value #MAX_TERMS}
     * floats exactly while the largest is less than 2^23 times the smallest (BM25's shares here run from
     * about 1e-4 to 30), so the words' order does not change a bit of it either.
     */
    List<Hit> search(Set<String> analysed, int k) {
        List<String> terms = analysed.stream().limit(MAX_TERMS).toList();
        Sums sums = this.sums.get();
        sums.newSearch();
        try {
            for (FieldWeight field : FIELDS) {
                sums.newField();
                for (String term : terms) {
                    Weight weight = weight(field, term);
                    if (weight == null) {
                        continue; // a word the field does not hold matches nothing and adds to no score
                    }
                    if (shares != null) {
                        Shares kept = shares.computeIfAbsent(new Term(field.name(), term), word -> sharesOf(weight));
                        for (int i = 0; i < kept.documents().length; i++) {
                            sums.add(kept.documents()[i], kept.scores()[i]);
                        }
                    } else {
                        addShares(weight, sums);
                    }
                }
                // Lucene folds the query of a field of weight 1 into the top one, word by word: its sum is not rounded.
                sums.endField(field.boost() == 1f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory BM25 index", e);
        }
        return sums.best(k, passageOf);
    }

    /** Where a word's shares go, document by document. */
    private interface ShareSink {
        void add(int doc, float share);
    }

    /** Runs the word's scorer over every document that holds it, handing on each one's share. */
    private void addShares(Weight weight, ShareSink sums) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator each = scorer.iterator();
            for (int doc = each.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = each.nextDoc()) {
                sums.add(leaf.docBase + doc, scorer.score());
            }
        }
    }

    /** The documents that hold one word of one field, and the word's share of each one's score. */
    private record Shares(int[] documents, float[] scores) {
    }

    private Shares sharesOf(Weight weight) {
        List<Integer> documents = new ArrayList<>();
        List<Float> shares = new ArrayList<>();
        try {
            addShares(weight, (doc, share) -> {
                documents.add(doc);
                shares.add(share);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("looking up a word in the in-memory BM25 index", e);
        }
        float[] scores = new float[shares.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = shares.get(i);
        }
        return new Shares(documents.stream().mapToInt(Integer::intValue).toArray(), scores);
    }

    /**
     * The running sums of one search, kept for the thread's next search: arrays as long as the index,
     * each entry marked with the search (and the field) that last wrote it, so a search touches only the
     * documents its words are in, not every document of a large index.
     */
    private static final class Sums implements ShareSink {
        private final double[] total;
        private final double[] inField;
        private final int[] searchOf;
        private final int[] fieldOf;
        private final int[] found;
        private final int[] foundInField;
        private int search;
        private int field;
        private int founds;
        private int foundsInField;

        Sums(int documents) {
            total = new double[documents];
            inField = new double[documents];
            searchOf = new int[documents];
            fieldOf = new int[documents];
            found = new int[documents];
            foundInField = new int[documents];
        }

        void newSearch() {
            if (++search == 0) {
                Arrays.fill(searchOf, 0); // after 2^32 searches a mark comes round again: none may look current
                search++;
            }
            founds = 0;
        }

        void newField() {
            if (++field == 0) {
                Arrays.fill(fieldOf, 0);
                field++;
            }
            foundsInField = 0;
        }

        @Override
        public void add(int doc, float share) {
            if (fieldOf[doc] != field) {
                fieldOf[doc] = field;
                inField[doc] = 0;
                foundInField[foundsInField++] = doc;
            }
            inField[doc] += share;
        }

        void endField(boolean folded) {
            for (int i = 0; i < foundsInField; i++) {
                int doc = foundInField[i];
                if (searchOf[doc] != search) {
                    searchOf[doc] = search;
                    total[doc] = 0;
                    found[founds++] = doc;
                }
                total[doc] += folded ? inField[doc] : (float) inField[doc];
            }
        }

        /** The {@code k} best documents, best first, the earlier first among equals. */
        List<Hit> best(int k, int[] passageOf) {
            TopScores best = new TopScores(k);
            for (int i = 0; i < founds; i++) {
                best.offer(found[i], (float) total[found[i]]);
            }
            List<Hit> hits = new ArrayList<>(best.size());
            for (int i = 0; i < best.size(); i++) {
                hits.add(new Hit(passageOf[best.id(i)], (float) best.score(i)));
            }
            return hits;
        }
    }

    /**
     * The term query's weight for {@code term} in {@code field}, with the field's boost: Lucene's BM25
     * scorer for the word, its statistics looked up once. Kept (the index never changes); null when the
     * field does not hold the word, which is not kept, so the map stays within the index's vocabulary.
     */
    private @Nullable Weight weight(FieldWeight field, String term) {
        if (!vocabulary.get(field.name()).contains(term)) {
            return null;
        }
        return weights.computeIfAbsent(new Term(field.name(), term), word -> {
            try {
                return searcher.createWeight(new TermQuery(word), ScoreMode.COMPLETE, field.boost());
            } catch (IOException e) {
                throw new UncheckedIOException("looking up a word in the in-memory BM25 index", e);
            }
        });
    }

    /** Every term of each searched field. */
    private static Map<String, Set<String>> vocabulary(IndexReader reader) throws IOException {
        Map<String, Set<String>> vocabulary = new HashMap<>();
        for (FieldWeight field : FIELDS) {
            Set<String> words = new HashSet<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms terms = leaf.reader().terms(field.name());
                if (terms != null) {
                    TermsEnum each = terms.iterator();
                    for (BytesRef term = each.next(); term != null; term = each.next()) {
                        words.add(term.utf8ToString());
                    }
                }
            }
            vocabulary.put(field.name(), Set.copyOf(words));
        }
        return Map.copyOf(vocabulary);
    }

    private static void closeQuietly(@Nullable DirectoryReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // opening it failed already; that is the failure to report
            }
        }
    }

    /** Bytes the in-memory index takes. */
    long bytes() {
        try {
            long total = 0;
            for (String file : directory.listAll()) {
                total += directory.fileLength(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("measuring the BM25 index", e);
        }
    }

    /** The analysed terms of {@code text}: lower-cased, stemmed, stop words removed. */
    Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text", e);
        }
        return terms;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the BM25 index", e);
        }
        analyzer.close();
    }
}
