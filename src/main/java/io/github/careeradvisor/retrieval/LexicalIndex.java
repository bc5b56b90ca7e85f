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
    private final Map<Term, Postings> postings = new ConcurrentHashMap<>();

    LexicalIndex(List<Passage> passages) {
        this(built(passages), passages.size());
    }

    /** Over an index already made, of {@code passages} documents; a {@link CorruptIndexException} if it is not that. */
    private LexicalIndex(ByteBuffersDirectory directory, int passages) {
        this.directory = directory;
        DirectoryReader opened = null;
        try {
            opened = DirectoryReader.open(directory);
            reader = opened;
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            // Nothing here is worth caching: each word's postings are kept by this class instead.
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
     * Distinct query words searched at most: a 4,096-character question's hundreds would cost a search
     * each, and Lucene's query of them (the scores' reference) has a clause limit.
     */
    static final int MAX_TERMS = 64;

    /**
     * The best {@code k} passages by BM25 for a question's analysed terms (from {@link #terms}), best
     * first; none when no word matches. The scores and the order are those of Lucene's query of every
     * word in every field, each field's words in a boolean query boosted by the field's weight (ties
     * to the earlier document): each word's share of each passage's score is Lucene's own, worked out once
     * ({@link #postings}), and the shares are added as Lucene adds them: each field's in a double,
     * rounded to a float (but for a field of weight 1, whose words Lucene adds one by one), then the
     * fields' in a double, rounded to a float. A double holds such sums exactly, so the order of the
     * words does not change a bit of them. The query machinery itself (weights, scorers, a collector) cost
     * most of a search over a few hundred passages.
     */
    List<Hit> search(Set<String> analysed, int k) {
        List<String> terms = analysed.stream().limit(MAX_TERMS).toList();
        int documents = passageOf.length;
        double[] total = new double[documents];
        boolean[] matched = new boolean[documents];
        double[] inField = new double[documents];
        boolean[] inThisField = new boolean[documents];
        boolean any = false;
        for (FieldWeight field : FIELDS) {
            Arrays.fill(inField, 0);
            Arrays.fill(inThisField, false);
            for (String term : terms) {
                Postings postings = postings(field, term);
                for (int i = 0; i < postings.documents().length; i++) {
                    int doc = postings.documents()[i];
                    inField[doc] += postings.scores()[i];
                    inThisField[doc] = true;
                }
            }
            // Lucene folds the query of a field of weight 1 into the top one, word by word: its sum is not rounded.
            boolean folded = field.boost() == 1f;
            for (int doc = 0; doc < documents; doc++) {
                if (inThisField[doc]) {
                    total[doc] += folded ? inField[doc] : (float) inField[doc];
                    matched[doc] = true;
                    any = true;
                }
            }
        }
        if (!any) {
            return List.of();
        }
        List<Integer> found = new ArrayList<>();
        for (int doc = 0; doc < documents; doc++) {
            if (matched[doc]) {
                found.add(doc);
            }
        }
        found.sort((a, b) -> {
            int byScore = Float.compare((float) total[b], (float) total[a]);
            return byScore != 0 ? byScore : Integer.compare(a, b);
        });
        List<Hit> hits = new ArrayList<>(Math.min(k, found.size()));
        for (int doc : found.subList(0, Math.min(k, found.size()))) {
            hits.add(new Hit(passageOf[doc], (float) total[doc]));
        }
        return hits;
    }

    /** The documents that hold one word of one field, and what the word adds to each one's score. */
    private record Postings(int[] documents, float[] scores) {
    }

    private static final Postings NOWHERE = new Postings(new int[0], new float[0]);

    /**
     * Where {@code term} is in {@code field}, each document's share scored by Lucene's BM25 scorer with the
     * field's boost, as the term's query scores it. Worked out once and kept (the index never changes);
     * only words the index holds are kept, so the map stays within its vocabulary.
     */
    private Postings postings(FieldWeight field, String term) {
        Term key = new Term(field.name(), term);
        Postings kept = postings.get(key);
        if (kept != null) {
            return kept;
        }
        if (!vocabulary.get(field.name()).contains(term)) {
            return NOWHERE;
        }
        try {
            Weight weight = searcher.createWeight(new TermQuery(key), ScoreMode.COMPLETE, field.boost());
            List<Integer> documents = new ArrayList<>();
            List<Float> scores = new ArrayList<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                Scorer scorer = weight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                DocIdSetIterator each = scorer.iterator();
                for (int doc = each.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = each.nextDoc()) {
                    documents.add(leaf.docBase + doc);
                    scores.add(scorer.score());
                }
            }
            float[] scored = new float[scores.size()];
            for (int i = 0; i < scored.length; i++) {
                scored[i] = scores.get(i);
            }
            Postings built = new Postings(documents.stream().mapToInt(Integer::intValue).toArray(), scored);
            postings.putIfAbsent(key, built);
            return built;
        } catch (IOException e) {
            throw new UncheckedIOException("looking up a word in the in-memory BM25 index", e);
        }
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
