package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import io.github.careeradvisor.storage.KeyedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>Kept in the data dir for the next start ({@value #FILE}), an index of up to {@link #KEEP_SHARES_UP_TO}
 * passages is kept as every word's share of each passage's score, as Lucene's BM25 scorers gave them: a
 * start that reads it back searches those shares alone and opens no Lucene index, which cost the main
 * thread about 0.4 s of each start (README, "Performance"). A larger one is kept as Lucene's files.
 */
final class LexicalIndex implements AutoCloseable {

    static final String FILE = "word-index.bin";
    /** The kept form of an index of up to {@link #KEEP_SHARES_UP_TO} passages: every word's shares. */
    static final int MAGIC = 0x5749_0002;
    /** The kept form of a larger index: Lucene's files. */
    static final int LUCENE_MAGIC = 0x5749_0001;
    private static final String ORD = "ord";
    /** Fields searched, with how much a match in each counts. */
    private static final List<FieldWeight> FIELDS = List.of(
            new FieldWeight("body", 1.0f), new FieldWeight("headline", 1.5f), new FieldWeight("topics", 0.7f));

    private record FieldWeight(String name, float boost) {
    }

    record Hit(int passage, float score) {
    }

    /** A word of a field. */
    private record Word(String field, String term) {
    }

    private final Analyzer analyzer = new EnglishAnalyzer();
    /** Each Lucene document's passage, read once instead of from its stored field at every hit. */
    private final int[] passageOf;
    /** Each thread's running sums, made at its first search (see {@link Sums}). */
    private final ThreadLocal<Sums> sums;
    /**
     * Up to this many passages, each word's shares are kept once worked out, not scored again at each
     * search: at most a few MB even at the limit, and a search over the shipped guides then makes no
     * scorer at all (one scorer per word and field per search cost about three times as much there).
     */
    static final int KEEP_SHARES_UP_TO = 20_000;
    /**
     * Each word's shares in each field: every word's when read back from a file (then {@link #lucene} is
     * null), else each word's once asked; null for an index above {@link #KEEP_SHARES_UP_TO}.
     */
    private final @Nullable Map<Word, Shares> shares;
    /** Lucene's index of the passages, which scores the words; null when every word's shares were read back. */
    private final @Nullable Lucene lucene;
    /** Each passage's units' analysed words ({@link #unitTerms}): read back, or worked out once asked. */
    private volatile @Nullable List<List<Set<String>>> unitTerms;

    LexicalIndex(List<Passage> passages) {
        this(built(passages), passages.size());
    }

    /**
     * Over an index already made, of {@code passages} documents; an {@link UncheckedIOException} of a
     * {@link CorruptIndexException} if it is not that.
     */
    private LexicalIndex(ByteBuffersDirectory directory, int passages) {
        this.sums = ThreadLocal.withInitial(() -> new Sums(passages));
        this.shares = passages <= KEEP_SHARES_UP_TO ? new ConcurrentHashMap<>() : null;
        this.lucene = new Lucene(directory);
        try {
            this.passageOf = lucene.passageOf();
            checkPassages(passageOf, passages);
        } catch (IOException | RuntimeException e) {
            lucene.close();
            throw e instanceof IOException io ? new UncheckedIOException("opening the in-memory BM25 index", io)
                    : (RuntimeException) e;
        }
    }

    /** Over every word's shares and the units' words, read back from a file ({@link #sharesBytes}). */
    private LexicalIndex(int[] passageOf, Map<Word, Shares> shares, List<List<Set<String>>> unitTerms) {
        this.passageOf = passageOf;
        this.sums = ThreadLocal.withInitial(() -> new Sums(passageOf.length));
        this.shares = Map.copyOf(shares);
        this.lucene = null;
        this.unitTerms = unitTerms;
    }

    private static void checkPassages(int[] passageOf, int passages) throws CorruptIndexException {
        if (passageOf.length != passages || Arrays.stream(passageOf).distinct().count() != passages
                || Arrays.stream(passageOf).anyMatch(p -> p < 0 || p >= passages)) {
            throw otherPassages(passages);
        }
    }

    private static CorruptIndexException otherPassages(int passages) {
        return new CorruptIndexException("it indexes other passages than the " + passages + " given", "");
    }

    /** Lucene's index of {@code passages}, each document's passage in its stored field "ord". */
    static ByteBuffersDirectory built(List<Passage> passages) {
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
        boolean asShares = passages.size() <= KEEP_SHARES_UP_TO;
        try {
            Optional<byte[]> kept = KeyedFile.read(file, asShares ? MAGIC : LUCENE_MAGIC, key.get());
            if (kept.isPresent()) {
                return asShares ? ofShares(kept.get(), passages)
                        : new LexicalIndex(directoryOf(kept.get()), passages.size());
            }
        } catch (IOException | RuntimeException e) {
            Throwable why = e instanceof UncheckedIOException ? e.getCause() : e;
            warnings.accept("warning: the word index in " + file + " was not used ("
                    + (why instanceof KeyedFile.Damaged ? why.getMessage() : why.toString())
                    + "); it is built again and the file written anew");
        }
        LexicalIndex built = new LexicalIndex(passages);
        try {
            KeyedFile.write(file, asShares ? MAGIC : LUCENE_MAGIC, key.get(),
                    asShares ? built.sharesBytes(passages) : bytesOf(built.lucene().directory));
        } catch (IOException | UncheckedIOException e) {
            warnings.accept("warning: the word index could not be kept in " + file + " (" + e + "); each start builds it "
                    + "again (check ADVISOR_DATA_DIR)");
        }
        return built;
    }

    /** What the index depends on besides the program: each passage's indexed fields and units, in order. */
    static String key(String program, List<Passage> passages) {
        KeyedFile.Key key = new KeyedFile.Key().add(program).add(Integer.toString(passages.size()));
        for (Passage p : passages) {
            key.add(p.body()).add(p.headline()).add(String.join(" ", p.topics())).add(p.section())
                    .add(Integer.toString(p.units().size()));
            p.units().forEach(u -> key.add(u.text()));
        }
        return key.hex();
    }

    /**
     * Each unit's analysed words, passage by passage (its section's words with its own: what a question's
     * words are compared with when a passage's sentences are weighed). Kept in the file with the shares,
     * so a start runs no analysis but the question's; worked out now for an index built or kept as
     * Lucene's files. {@code passages} are the index's own (read back, their words were checked against
     * them).
     */
    List<List<Set<String>>> unitTerms(List<Passage> passages) {
        List<List<Set<String>>> kept = unitTerms;
        if (kept == null) {
            List<List<Set<String>>> analysed = new ArrayList<>(passages.size());
            for (Passage passage : passages) {
                List<Set<String>> units = new ArrayList<>(passage.units().size());
                for (Unit unit : passage.units()) {
                    units.add(Set.copyOf(terms(passage.section() + " " + unit.text())));
                }
                analysed.add(List.copyOf(units));
            }
            kept = List.copyOf(analysed);
            unitTerms = kept;
        }
        return kept;
    }

    /**
     * Every word's shares, worked out now for the words not asked yet: each document's passage, then each
     * field's words, each with the documents that hold it and its share of each one's score; then each of
     * {@code passages}' units' words.
     */
    private byte[] sharesBytes(List<Passage> passages) throws IOException {
        Lucene index = lucene();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(passageOf.length);
            for (int passage : passageOf) {
                out.writeInt(passage);
            }
            for (FieldWeight field : FIELDS) {
                List<String> words = index.vocabulary.get(field.name()).stream().sorted().toList();
                out.writeInt(words.size());
                for (String term : words) {
                    Shares kept = Objects.requireNonNull(shares(field, term), term); // a word of the field's own
                    out.writeUTF(term);
                    out.writeInt(kept.documents().length);
                    for (int i = 0; i < kept.documents().length; i++) {
                        out.writeInt(kept.documents()[i]);
                        out.writeFloat(kept.scores()[i]);
                    }
                }
            }
            for (List<Set<String>> units : unitTerms(passages)) {
                out.writeInt(units.size());
                for (Set<String> words : units) {
                    out.writeInt(words.size());
                    for (String word : words.stream().sorted().toList()) {
                        out.writeUTF(word);
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The index of {@code passages} read back from {@link #sharesBytes}; a {@link CorruptIndexException} if it is not that.
     * Read from a buffer, not through a {@link DataInputStream}: for the shipped guides some 37,000 numbers and
     * 15,000 words, each several calls through the stream, kept a start's main thread and its JIT busy (README,
     * "Performance").
     */
    private static LexicalIndex ofShares(byte[] kept, List<Passage> of) throws IOException {
        int passages = of.size();
        ByteBuffer in = ByteBuffer.wrap(kept); // big-endian, as DataOutputStream wrote it
        try {
            if (in.getInt() != passages) {
                throw otherPassages(passages);
            }
            int[] passageOf = new int[passages];
            for (int i = 0; i < passageOf.length; i++) {
                passageOf[i] = in.getInt();
            }
            checkPassages(passageOf, passages);
            Map<Word, Shares> shares = new HashMap<>();
            for (FieldWeight field : FIELDS) {
                for (int words = in.getInt(); words > 0; words--) {
                    String term = EmbeddingCache.readUtf(in);
                    int n = in.getInt();
                    if (n < 1 || n > passages) {
                        throw new CorruptIndexException("the word '" + term + "' is in " + n + " of " + passages
                                + " passages", "");
                    }
                    int[] documents = new int[n];
                    float[] scores = new float[n];
                    for (int i = 0; i < n; i++) {
                        documents[i] = in.getInt();
                        scores[i] = in.getFloat();
                        if (documents[i] < 0 || documents[i] >= passages) {
                            throw new CorruptIndexException("the word '" + term + "' is in document " + documents[i]
                                    + " of " + passages, "");
                        }
                        if (!(scores[i] >= 0 && scores[i] < Float.POSITIVE_INFINITY)) {
                            throw new CorruptIndexException("the word '" + term + "' scores " + scores[i], "");
                        }
                    }
                    shares.put(new Word(field.name(), term), new Shares(documents, scores));
                }
            }
            List<List<Set<String>>> unitTerms = new ArrayList<>(passages);
            for (Passage passage : of) {
                int units = in.getInt();
                if (units != passage.units().size()) {
                    throw new CorruptIndexException("it has " + units + " units of passage " + passage.id() + ", not "
                            + passage.units().size(), "");
                }
                List<Set<String>> words = new ArrayList<>(units);
                for (int u = 0; u < units; u++) {
                    int count = in.getInt();
                    if (count < 0 || count > in.remaining() / 2) { // a word takes two bytes at least
                        throw new CorruptIndexException("a unit of passage " + passage.id() + " has " + count
                                + " words", "");
                    }
                    Set<String> unit = new HashSet<>(count * 2);
                    for (int w = 0; w < count; w++) {
                        if (!unit.add(EmbeddingCache.readUtf(in))) {
                            throw new CorruptIndexException("a unit of passage " + passage.id() + " has a word twice", "");
                        }
                    }
                    words.add(Set.copyOf(unit));
                }
                unitTerms.add(List.copyOf(words));
            }
            if (in.hasRemaining()) {
                throw new CorruptIndexException("it goes on after its last unit", "");
            }
            return new LexicalIndex(passageOf, shares, List.copyOf(unitTerms));
        } catch (BufferUnderflowException e) {
            throw new CorruptIndexException("it ends before its last unit", "", e);
        }
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

    /** The Lucene index of a built index, or of one read back as Lucene's files. */
    private Lucene lucene() {
        if (lucene == null) {
            throw new IllegalStateException("the word index was read back as its shares: it has no Lucene index");
        }
        return lucene;
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
                    if (shares == null) {
                        Weight weight = lucene().weight(field, term);
                        if (weight != null) {
                            lucene().addShares(weight, sums);
                        }
                        continue;
                    }
                    Shares kept = shares(field, term);
                    if (kept == null) {
                        continue; // a word the field does not hold matches nothing and adds to no score
                    }
                    for (int i = 0; i < kept.documents().length; i++) {
                        sums.add(kept.documents()[i], kept.scores()[i]);
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

    /**
     * The word's shares in the field, kept once worked out; null when the field does not hold it (not
     * kept, so the map stays within the index's vocabulary). Only for an index whose shares are kept.
     */
    private @Nullable Shares shares(FieldWeight field, String term) {
        Word word = new Word(field.name(), term);
        Shares kept = shares.get(word);
        if (kept != null || lucene == null) {
            return kept;
        }
        Weight weight = lucene.weight(field, term);
        return weight == null ? null : shares.computeIfAbsent(word, w -> lucene.sharesOf(weight));
    }

    /** Where a word's shares go, document by document. */
    private interface ShareSink {
        void add(int doc, float share);
    }

    /** The documents that hold one word of one field, and the word's share of each one's score. */
    private record Shares(int[] documents, float[] scores) {
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

    /** Whether the words are scored by Lucene's index (built now), not read back as their shares. */
    boolean scoresWithLucene() {
        return lucene != null;
    }

    /** Bytes the in-memory index takes: Lucene's files, or the shares read back. */
    long bytes() {
        if (lucene != null) {
            return lucene.bytes();
        }
        long total = (long) passageOf.length * Integer.BYTES;
        for (Map.Entry<Word, Shares> e : shares.entrySet()) {
            total += e.getKey().term().length() + (long) e.getValue().documents().length * (Integer.BYTES + Float.BYTES);
        }
        return total;
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
        if (lucene != null) {
            lucene.close();
        }
        analyzer.close();
    }

    /** Lucene's index of the passages, read to score the words with its BM25 scorers. */
    private static final class Lucene implements AutoCloseable {
        private final ByteBuffersDirectory directory;
        private final DirectoryReader reader;
        private final IndexSearcher searcher;
        /** Every term of each searched field. */
        private final Map<String, Set<String>> vocabulary;
        /** Each word's weight in each field ({@link #weight}). */
        private final Map<Word, Weight> weights = new ConcurrentHashMap<>();

        Lucene(ByteBuffersDirectory directory) {
            this.directory = directory;
            DirectoryReader opened = null;
            try {
                opened = DirectoryReader.open(directory);
                reader = opened;
                searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity());
                // Nothing here is worth caching: each word's weight is kept by this class instead.
                searcher.setQueryCache(null);
                vocabulary = vocabulary(reader);
            } catch (IOException | RuntimeException e) {
                closeQuietly(opened);
                throw e instanceof IOException io ? new UncheckedIOException("opening the in-memory BM25 index", io)
                        : (RuntimeException) e;
            }
        }

        /** Each document's passage, from its stored field. */
        int[] passageOf() throws IOException {
            int[] passageOf = new int[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            for (int doc = 0; doc < passageOf.length; doc++) {
                passageOf[doc] = stored.document(doc).getField(ORD).numericValue().intValue();
            }
            return passageOf;
        }

        /**
         * The term query's weight for {@code term} in {@code field}, with the field's boost: Lucene's BM25
         * scorer for the word, its statistics looked up once. Kept (the index never changes); null when the
         * field does not hold the word, which is not kept, so the map stays within the index's vocabulary.
         */
        @Nullable Weight weight(FieldWeight field, String term) {
            if (!vocabulary.get(field.name()).contains(term)) {
                return null;
            }
            return weights.computeIfAbsent(new Word(field.name(), term), word -> {
                try {
                    return searcher.createWeight(new TermQuery(new Term(word.field(), word.term())), ScoreMode.COMPLETE,
                            field.boost());
                } catch (IOException e) {
                    throw new UncheckedIOException("looking up a word in the in-memory BM25 index", e);
                }
            });
        }

        /** Runs the word's scorer over every document that holds it, handing on each one's share. */
        void addShares(Weight weight, ShareSink sums) throws IOException {
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

        Shares sharesOf(Weight weight) {
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

        private static void closeQuietly(@Nullable DirectoryReader reader) {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // opening it failed already; that is the failure to report
                }
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the BM25 index", e);
            }
        }
    }
}
