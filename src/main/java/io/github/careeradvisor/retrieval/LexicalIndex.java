package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.knowledge.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * BM25 over the passages with Lucene's English analysis (stop words, possessives, Porter stemming). The
 * index lives in memory: the shipped knowledge indexes in milliseconds.
 */
final class LexicalIndex implements AutoCloseable {

    private static final String ORD = "ord";
    /** Fields searched, with how much a match in each counts. */
    private static final List<FieldWeight> FIELDS = List.of(
            new FieldWeight("body", 1.0f), new FieldWeight("headline", 1.5f), new FieldWeight("topics", 0.7f));

    private record FieldWeight(String name, float boost) {
    }

    record Hit(int passage, float score) {
    }

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    /** Each Lucene document's passage, read once here instead of from its stored field at every hit. */
    private final int[] passageOf;

    LexicalIndex(List<Passage> passages) {
        try {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < passages.size(); i++) {
                    Passage p = passages.get(i);
                    Document doc = new Document();
                    doc.add(new StoredField(ORD, i));
                    doc.add(new TextField("body", p.body(), Field.Store.NO));
                    doc.add(new TextField("headline", p.headline(), Field.Store.NO));
                    doc.add(new TextField("topics", String.join(" ", p.topics()), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            // Nothing here is worth caching: the segment is tiny, and the cache's bookkeeping cost more than a search.
            searcher.setQueryCache(null);
            passageOf = new int[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            for (int doc = 0; doc < passageOf.length; doc++) {
                passageOf[doc] = stored.document(doc).getField(ORD).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory BM25 index", e);
        }
    }

    /** Distinct query words searched at most: a 4,096-character question must not outrun Lucene's clause limit. */
    static final int MAX_TERMS = 64;

    /**
     * The best {@code k} passages by BM25 for a question's analysed terms (from {@link #terms}), best
     * first; none when no word matches.
     */
    List<Hit> search(Set<String> analysed, int k) {
        List<String> terms = analysed.stream().limit(MAX_TERMS).toList();
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (FieldWeight field : FIELDS) {
            BooleanQuery.Builder inField = new BooleanQuery.Builder();
            for (String term : terms) {
                inField.add(new TermQuery(new Term(field.name(), term)), BooleanClause.Occur.SHOULD);
            }
            query.add(new BoostQuery(inField.build(), field.boost()), BooleanClause.Occur.SHOULD);
        }
        try {
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(query.build(), k).scoreDocs) {
                hits.add(new Hit(passageOf[sd.doc], sd.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory BM25 index", e);
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
