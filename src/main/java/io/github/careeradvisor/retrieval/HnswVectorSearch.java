package io.github.careeradvisor.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * Approximate search with Lucene's HNSW graph: builds in seconds to a minute for 100,000 vectors and
 * answers in about a millisecond, at a small cost in recall (measured in BENCHMARKS.md).
 */
final class HnswVectorSearch implements VectorSearch {

    private static final String FIELD = "v";
    /** Candidates the graph search keeps (its "ef"): chosen in BENCHMARKS.md for recall@10 at 100,000. */
    static final int EXPLORE = 200;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int size;

    /** @param dir where to keep the graph; null keeps it in memory */
    HnswVectorSearch(float[][] vectors, @Nullable Path dir) {
        try {
            directory = dir == null ? new ByteBuffersDirectory() : FSDirectory.open(dir);
            IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(256);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (float[] v : vectors) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField(FIELD, v, VectorSimilarityFunction.DOT_PRODUCT));
                    writer.addDocument(doc);
                }
                // One segment: document ids are then the insertion order, and one graph is searched.
                writer.forceMerge(1);
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            size = vectors.length;
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW vector index", e);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        try {
            // Lucene explores as many candidates as it is asked for; more than k buys recall cheaply.
            int explore = Math.max(k, EXPLORE);
            ScoreDoc[] docs = searcher.search(new KnnFloatVectorQuery(FIELD, query, explore), k).scoreDocs;
            List<Hit> hits = new ArrayList<>(docs.length);
            for (ScoreDoc d : docs) {
                // Lucene scores a dot product of unit vectors as (1 + dot) / 2.
                hits.add(new Hit(d.doc, 2 * d.score - 1));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the HNSW vector index", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the HNSW vector index", e);
        }
    }
}
