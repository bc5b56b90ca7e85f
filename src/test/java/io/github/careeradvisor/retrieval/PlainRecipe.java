package io.github.careeradvisor.retrieval;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * What a Java developer would write with langchain4j out of the box, kept only as the benchmark's
 * yardstick: FileSystemDocumentLoader, {@code DocumentSplitters.recursive(300, 0)}, the same
 * all-MiniLM-L6-v2 model, an InMemoryEmbeddingStore, and the top 3 segments as the answer. It embeds
 * every segment at every start and never declines.
 */
public final class PlainRecipe {

    public static final int TOP = 3;

    private final EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
    private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    private final int segments;

    public PlainRecipe(Path knowledgeDir) {
        List<Document> documents = FileSystemDocumentLoader.loadDocuments(knowledgeDir,
                FileSystems.getDefault().getPathMatcher("glob:*.md"));
        // What EmbeddingStoreIngestor does, spelled out so the segments can be counted.
        List<TextSegment> split = DocumentSplitters.recursive(300, 0).splitAll(documents);
        store.addAll(model.embedAll(split).content(), split);
        segments = split.size();
    }

    public int segments() {
        return segments;
    }

    /** The texts of the 3 segments most similar to the question. */
    public List<String> ask(String question) {
        Embedding query = model.embed(question).content();
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(query).maxResults(TOP).build()).matches();
        return matches.stream().map(m -> m.embedded().text()).toList();
    }
}
