package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our WordPiece tokenizer against Hugging Face's own (through DJL, which the program used before): the
 * same ids for the model and the same pieces for counting, on every line of the guides, every text of
 * the evaluation sets, and texts made to hit each rule (accents, Chinese, white space and control
 * characters of every kind, punctuation, special tokens, words too long, input too long).
 */
class WordPieceTokenizerTest {

    private static final String NAME = "all-minilm-l6-v2";

    private static WordPieceTokenizer ours;
    private static HuggingFaceTokenizer modelReads;
    private static HuggingFaceTokenizer counted;

    @BeforeAll
    static void load() throws IOException {
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
        System.getProperties().putIfAbsent("OPT_OUT_TRACKING", "true");
        ours = WordPieceTokenizer.fromClasspath(NAME);
        modelReads = HuggingFaceTokenizer.newInstance(json(), Map.of("padding", "false"));
        counted = HuggingFaceTokenizer.newInstance(json(),
                Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false"));
    }

    @AfterAll
    static void close() {
        modelReads.close();
        counted.close();
    }

    private static InputStream json() {
        return WordPieceTokenizerTest.class.getClassLoader().getResourceAsStream(NAME + "-tokenizer.json");
    }

    @Test
    void reads_every_line_of_the_guides_as_hugging_faces_tokenizer_does() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("knowledge"))) {
            for (Path file : files.sorted().toList()) {
                String content = Files.readString(file);
                texts.add(content); // whole files: long input, cut to the model's length
                texts.addAll(Arrays.asList(content.split("\n")));
            }
        }
        assertTrue(texts.size() > 500, "the guides' lines: " + texts.size());
        assertSame(texts);
    }

    @Test
    void reads_every_text_of_the_evaluation_sets_as_hugging_faces_tokenizer_does() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/eval"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                strings(new ObjectMapper().readTree(file.toFile()), texts);
            }
        }
        assertTrue(texts.size() > 1000, "the evaluation sets' texts: " + texts.size());
        assertSame(texts);
    }

    @Test
    void reads_texts_made_to_hit_each_rule_as_hugging_faces_tokenizer_does() {
        String longWord = "a".repeat(100);
        List<String> texts = List.of("", " ", "\t\n\r", "Café naïve résumé ÉCOLE Ångström façade",
                "Straße İstanbul ΣΟΦΊΑ Σ ς ǅ ﬁ ß", "机器学习工程师 salary 東京 𠀀 한국어 日本語です",
                "no\u00A0break\u2007figure\u202Fnarrow\u3000ideographic\u2028line\u2029para\u0085nel",
                "tab\there\u000Bvertical\u000Cfeed\u0000nul\uFFFDreplacement\u200Bzero\u200Dwidth\u00ADsoft",
                "$100k+ <=> a|b ~x ^y `z` \\back _under_ @me #tag %p &amp; *star*",
                "„quotes“ «guillemets» ‹single› — en–dash … ¿qué? ¡sí! ·middle· ‐hyphen ‑nb",
                "emoji 🚀🤖👍🏽 and ☕ symbols ©®™ °C ±5 ×2 ÷3 €5 £4 ¥3 ₹2",
                "[CLS] [SEP] [MASK] [PAD] [UNK] [cls] x[MASK]y [[MASK]] [MASK][MASK]",
                longWord, longWord + "b", "x" + longWord, "pneumonoultramicroscopicsilicovolcanoconiosis",
                "kubernetes TensorFlow PyTorch MLOps AWS GCP Azure PMLE MLA-C01 AIF-C01 DP-100",
                "word ".repeat(200), "a\u0301e\u0300o\u0308 combining", "\uD835\uDC00 math bold A",
                "ﾊﾟｰﾄ halfwidth ＦＵＬＬ width", "arabic العربية hebrew עברית hindi हिन्दी thai ไทย");
        assertSame(texts);
        // Random text in the scripts and signs people write in, mixed. (Characters whose Unicode properties
        // changed after the library's tables were made, such as combining marks added since, may differ.)
        int[][] blocks = {{0x20, 0x7E}, {0xA0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x600, 0x6FF},
            {0x900, 0x97F}, {0x2000, 0x206F}, {0x20A0, 0x20BF}, {0x2100, 0x21FF}, {0x3000, 0x30FF},
            {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xFF00, 0xFFEF}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}};
        Random random = new Random(16);
        List<String> noise = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int j = 0; j < length; j++) {
                int[] block = blocks[random.nextInt(blocks.length)];
                s.appendCodePoint(block[0] + random.nextInt(block[1] - block[0] + 1));
            }
            noise.add(s.toString());
        }
        assertSame(noise);
    }

    @Test
    void cuts_the_models_input_to_its_length_with_its_two_special_tokens() {
        long[] ids = ours.modelIds("word ".repeat(300));
        assertEquals(128, ids.length);
        assertEquals(101, ids[0]);
        assertEquals(102, ids[127]);
        assertEquals(300, ours.count("word ".repeat(300)));
        assertArrayEquals(new long[] {101, 102}, ours.modelIds(" \u200B "));
    }

    @Test
    void tells_a_whole_word_of_its_vocabulary_from_one_it_cuts_or_changes() {
        assertTrue(ours.wholeWordId("the") >= 0);
        assertEquals(-1, ours.wholeWordId("kubernetes")); // cut into pieces
        assertEquals(-1, ours.wholeWordId("The")); // read in lower case: not the word as written
        assertEquals(-1, ours.wholeWordId("machine learning")); // two words
    }

    @Test
    void refuses_a_tokenizer_file_it_does_not_implement_naming_the_setting() {
        String json = "{\"normalizer\":{\"type\":\"Lowercase\"},\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
                + "\"model\":{\"type\":\"WordPiece\",\"vocab\":{}},\"post_processor\":{\"type\":\"TemplateProcessing\"}}";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WordPieceTokenizer.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "odd-tokenizer.json"));
        assertTrue(e.getMessage().contains("odd-tokenizer.json") && e.getMessage().contains("normalizer = Lowercase"),
                e.getMessage());
    }

    private static void assertSame(List<String> texts) {
        List<String> misses = new ArrayList<>();
        for (String text : texts) {
            Encoding encoding = modelReads.encode(text, true, false);
            long[] ids = ours.modelIds(text);
            List<String> theirs = counted.tokenize(text);
            List<String> pieces = ours.pieces(text);
            if (!Arrays.equals(encoding.getIds(), ids) || !theirs.equals(pieces)) {
                misses.add(text + "\n  theirs " + theirs + " " + Arrays.toString(encoding.getIds())
                        + "\n  ours   " + pieces + " " + Arrays.toString(ids));
            }
        }
        assertTrue(misses.isEmpty(), misses.size() + " of " + texts.size() + " texts read differently, e.g.\n"
                + String.join("\n", misses.subList(0, Math.min(5, misses.size()))));
    }

    private static void strings(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        }
        node.forEach(child -> strings(child, into));
    }
}
