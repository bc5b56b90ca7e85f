/**
 * The guides and catalogs as data: reads and checks {@code knowledge/} (Markdown with YAML front matter,
 * {@code roadmap.json}, {@code certifications.json}) and cuts the guides into passages and quotable
 * sentences; it may import only {@code config} and Jackson; the model's tokenizer is its own ({@link WordPieceTokenizer}).
 */
@NullMarked
package io.github.careeradvisor.knowledge;

import org.jspecify.annotations.NullMarked;
