/**
 * Search over the passages: embeds them with all-MiniLM-L6-v2 (vectors cached on disk) and ranks them
 * for a question by fusing cosine similarity with Lucene BM25; it may import only {@code knowledge},
 * langchain4j, ONNX Runtime, Lucene and Caffeine.
 */
@NullMarked
package io.github.careeradvisor.retrieval;

import org.jspecify.annotations.NullMarked;
