package io.github.careeradvisor.knowledge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The all-MiniLM-L6-v2 tokenizer (BERT's uncased WordPiece) read from the {@code tokenizer.json} that
 * ships beside the model, in plain Java: the same word pieces and ids as Hugging Face's tokenizers
 * library, checked against it on every text the guides and the evaluation sets hold and on edge cases
 * ({@code WordPieceTokenizerTest}). It replaces DJL's binding of that library, whose first use in a
 * process probed for a GPU (JNA loaded, {@code ldconfig -p} run, CUDA's runtime loaded where one is
 * installed) and extracted a native library under the home directory: about a quarter of a second of
 * CPU at each start, twice what reading the vocabulary here costs (README, "Performance"). Immutable, so one instance serves every thread.
 *
 * <p>The steps, as the file describes them: the special tokens ({@code [CLS]}, {@code [MASK]}, …) are
 * matched as written; the rest is cleaned (control characters dropped, any white space made a space),
 * Chinese characters set apart, accents stripped and the text put in lower case (BertNormalizer); split
 * at white space and around each punctuation mark (BertPreTokenizer); each word cut greedily into the
 * longest pieces the vocabulary has, a word that cannot be cut or is over the length limit becoming
 * {@code [UNK]} (WordPiece); and {@code [CLS]} … {@code [SEP]} around the whole, cut to the model's
 * input length (TemplateProcessing, truncation). A file that asks for anything else is refused.
 */
public final class WordPieceTokenizer {

    /**
     * Field names neither interned nor kept in a symbol table: the vocabulary's 30,522 pieces are names,
     * each read once, and interning them tripled the time to read the file in a new process.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private final Map<String, Integer> vocabulary;
    /** The special tokens, matched in the text as written. */
    private final List<String> special;
    private final String unknown;
    private final String continuing;
    private final int maxWordChars;
    /** Word pieces the model reads at most, [CLS] and [SEP] included. */
    private final int maxLength;
    private final int cls;
    private final int sep;

    private WordPieceTokenizer(Map<String, Integer> vocabulary, List<String> special, String unknown,
            String continuing, int maxWordChars, int maxLength) {
        this.vocabulary = vocabulary;
        this.special = special;
        this.unknown = unknown;
        this.continuing = continuing;
        this.maxWordChars = maxWordChars;
        this.maxLength = maxLength;
        this.cls = id(vocabulary, "[CLS]");
        this.sep = id(vocabulary, "[SEP]");
        id(vocabulary, unknown);
    }

    /** The tokenizer of the model {@code name} ({@code NAME-tokenizer.json} on the classpath). */
    public static WordPieceTokenizer fromClasspath(String name) {
        String file = name + "-tokenizer.json";
        try (InputStream json = WordPieceTokenizer.class.getClassLoader().getResourceAsStream(file)) {
            if (json == null) {
                throw new IllegalStateException("the tokenizer " + file
                        + " is missing from the classpath; the build must include langchain4j-embeddings-" + name);
            }
            return read(json, file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the tokenizer " + file, e);
        }
    }

    /** Reads a {@code tokenizer.json}; {@code name} names it in errors. */
    static WordPieceTokenizer read(InputStream json, String name) throws IOException {
        Map<String, @Nullable Object> root = new LinkedHashMap<>();
        Map<String, Integer> ids = new HashMap<>(1 << 16); // the vocabulary, about 30,000 pieces, read without a resize
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the tokenizer " + name + " is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                root.put(field, field.equals("model") ? model(p, ids) : value(p));
            }
        }
        Map<String, Object> normalizer = asMap(root.get("normalizer"), name, "normalizer");
        Map<String, Object> preTokenizer = asMap(root.get("pre_tokenizer"), name, "pre_tokenizer");
        Map<String, Object> model = asMap(root.get("model"), name, "model");
        Map<String, Object> post = asMap(root.get("post_processor"), name, "post_processor");
        require(name, "normalizer", normalizer.get("type"), "BertNormalizer");
        require(name, "normalizer.clean_text", normalizer.get("clean_text"), Boolean.TRUE);
        require(name, "normalizer.handle_chinese_chars", normalizer.get("handle_chinese_chars"), Boolean.TRUE);
        require(name, "normalizer.lowercase", normalizer.get("lowercase"), Boolean.TRUE);
        Object strip = normalizer.get("strip_accents");
        if (strip != null && !Boolean.TRUE.equals(strip)) {
            throw unsupported(name, "normalizer.strip_accents", strip);
        }
        require(name, "pre_tokenizer", preTokenizer.get("type"), "BertPreTokenizer");
        require(name, "model", model.get("type"), "WordPiece");
        require(name, "post_processor", post.get("type"), "TemplateProcessing");
        List<String> special = new ArrayList<>();
        if (root.get("added_tokens") instanceof List<?> added) {
            for (Object token : added) {
                Map<String, Object> t = asMap(token, name, "added_tokens");
                require(name, "added_tokens.normalized", t.get("normalized"), Boolean.FALSE);
                require(name, "added_tokens.single_word", t.get("single_word"), Boolean.FALSE);
                String content = (String) t.get("content");
                if (!Objects.equals(ids.get(content), ((Number) t.get("id")).intValue())) {
                    throw unsupported(name, "added_tokens", content + " with an id of its own");
                }
                special.add(content);
            }
        }
        // Longest first, so that of two special tokens starting at one place the longer is taken.
        special.sort((a, b) -> Integer.compare(b.length(), a.length()));
        int maxLength = Integer.MAX_VALUE;
        if (root.get("truncation") instanceof Map<?, ?> truncation) {
            maxLength = ((Number) truncation.get("max_length")).intValue();
        }
        return new WordPieceTokenizer(ids, List.copyOf(special), (String) model.get("unk_token"),
                (String) model.get("continuing_subword_prefix"), ((Number) model.get("max_input_chars_per_word")).intValue(),
                maxLength);
    }

    /**
     * The ids the model reads for {@code text}: [CLS], its word pieces cut to the model's input length,
     * [SEP].
     */
    public long[] modelIds(String text) {
        List<String> pieces = pieces(text);
        int kept = Math.min(pieces.size(), maxLength - 2);
        long[] ids = new long[kept + 2];
        ids[0] = cls;
        for (int i = 0; i < kept; i++) {
            ids[i + 1] = vocabulary.get(pieces.get(i));
        }
        ids[kept + 1] = sep;
        return ids;
    }

    /** How many word pieces {@code text} has, without [CLS] and [SEP] and not cut. */
    public int count(String text) {
        return pieces(text).size();
    }

    /** The id of {@code word} if the tokenizer reads it, as written, as one whole word piece; else -1. */
    public int wholeWordId(String word) {
        List<String> pieces = pieces(word);
        return pieces.size() == 1 && pieces.get(0).equals(word) ? vocabulary.get(word) : -1;
    }

    /** The word pieces of {@code text} in order, each one the vocabulary has. */
    public List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int at = text.length();
            String found = null;
            for (String token : special) {
                int i = text.indexOf(token, from);
                if (i >= 0 && i < at) {
                    at = i;
                    found = token;
                }
            }
            words(text.substring(from, at), pieces);
            if (found == null) {
                break;
            }
            pieces.add(found);
            from = at + found.length();
        }
        return pieces;
    }

    /** Normalises {@code text} (no special token in it) and adds its words' pieces. */
    private void words(String text, List<String> pieces) {
        StringBuilder word = new StringBuilder();
        String normalized = normalize(text);
        for (int i = 0; i < normalized.length(); ) {
            int c = normalized.codePointAt(i);
            i += Character.charCount(c);
            if (isWhiteSpace(c)) {
                wordPieces(word, pieces);
            } else if (isPunctuation(c)) {
                wordPieces(word, pieces);
                word.appendCodePoint(c);
                wordPieces(word, pieces);
            } else {
                word.appendCodePoint(c);
            }
        }
        wordPieces(word, pieces);
    }

    /** Cleaned, Chinese characters set apart, accents stripped, lower case: BertNormalizer's order. */
    static String normalize(String text) {
        StringBuilder cleaned = new StringBuilder(text.length() + 8);
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                continue;
            }
            if (isWhiteSpace(c)) {
                cleaned.append(' ');
            } else if (isChinese(c)) {
                cleaned.append(' ').appendCodePoint(c).append(' ');
                ascii = false;
            } else {
                cleaned.appendCodePoint(c);
                ascii &= c < 0x80;
            }
        }
        if (ascii) {
            return cleaned.toString().toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            // One character at a time, as the library lowers them: no rule looks at the next one.
            if (c < 0x80) {
                out.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
            } else {
                out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    /** Adds the pieces of the word in {@code word} (if any), greedily longest first, and empties it. */
    private void wordPieces(StringBuilder word, List<String> pieces) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (w.codePointCount(0, w.length()) > maxWordChars) {
            pieces.add(unknown);
            return;
        }
        int size = pieces.size();
        int start = 0;
        while (start < w.length()) {
            int end = w.length();
            String piece = null;
            while (end > start) {
                String candidate = start == 0 ? w.substring(start, end) : continuing + w.substring(start, end);
                if (vocabulary.containsKey(candidate)) {
                    piece = candidate;
                    break;
                }
                end = w.offsetByCodePoints(end, -1);
            }
            if (piece == null) {
                pieces.subList(size, pieces.size()).clear();
                pieces.add(unknown);
                return;
            }
            pieces.add(piece);
            start = end;
        }
    }

    /** Control, format, surrogate and private-use characters, which the cleaning drops (tab and newlines are white space). */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE;
    }

    /** Unicode's White_Space property, as Rust's {@code char::is_whitespace} has it (Java's own differs). */
    private static boolean isWhiteSpace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** ASCII punctuation (symbols such as $ and + included) and Unicode's punctuation categories. */
    private static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK ideograph blocks BERT sets apart as words of their own. */
    private static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    private static int id(Map<String, Integer> vocabulary, String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalStateException("the tokenizer's vocabulary has no " + token);
        }
        return id;
    }

    /** The model's settings, its vocabulary put in {@code ids} (a piece's name to its id) as it is read. */
    private static Map<String, @Nullable Object> model(JsonParser p, Map<String, Integer> ids) throws IOException {
        Map<String, @Nullable Object> model = new LinkedHashMap<>();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return model;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (field.equals("vocab") && p.nextToken() == JsonToken.START_OBJECT) {
                String piece;
                while ((piece = p.nextFieldName()) != null) {
                    ids.put(piece, p.nextIntValue(-1));
                }
            } else {
                p.nextToken();
                model.put(field, value(p));
            }
        }
        return model;
    }

    /** A JSON value: objects as maps, arrays as lists, numbers, strings, booleans, null. */
    private static @Nullable Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("the file ends early");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    map.put(field, value(p));
                }
                return map;
            }
            case START_ARRAY -> {
                List<@Nullable Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(@Nullable Object value, String name, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException("the tokenizer " + name + " has no " + what + " object where expected");
    }

    private static void require(String name, String what, @Nullable Object found, Object wanted) {
        if (!wanted.equals(found)) {
            throw unsupported(name, what, found);
        }
    }

    private static IllegalStateException unsupported(String name, String what, @Nullable Object found) {
        return new IllegalStateException("the tokenizer " + name + " asks for " + what + " = " + found
                + ", which this program's tokenizer does not do (it reads BERT's uncased WordPiece)");
    }
}
