package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.bench.EvalSet;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.TokenCounter;
import io.github.careeradvisor.knowledge.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Phrase groups: what a lexicon finds is what one search with the pattern of all its phrases finds. */
class LexiconTest {

    private static List<String> plainly(Pattern all, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = all.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static List<String> each(Lexicon lexicon, String text) {
        List<String> found = new ArrayList<>();
        lexicon.each(text, found::add);
        return found;
    }

    /** Phrases found beginning with a character other than a plain letter: the swaps above reach a match. */
    private static long swappedFound(List<Lexicon> lexicons, List<String> texts) {
        return lexicons.stream().filter(l -> l.all() != null)
                .flatMap(l -> texts.stream().flatMap(t -> each(l, t).stream()))
                .filter(phrase -> phrase.codePointAt(0) > 0x7F).count();
    }

    @Test
    void a_phrase_of_no_word_is_left_out() {
        // A phrase of a dash or spaces alone would match the empty space between two words.
        Lexicon lexicon = new Lexicon(List.of(Lexicon.term("-", "dash", false), Lexicon.term("  ", "blank", false),
                Lexicon.term("ml engineer", "mle", false)));
        assertEquals(List.of(Map.entry("mle", 11)), lexicon.found("hi, an ML-engineer - here"));
    }

    @Test
    void patterns_are_compiled_when_a_text_first_needs_them_or_all_at_once_for_a_warm_up() {
        Lexicon lexicon = new Lexicon(List.of(Lexicon.term("machine learning engineer", "mle", false),
                Lexicon.term("data scientist", "ds", false), Lexicon.term("#ml", "tag", false),
                Lexicon.term("MLE", "mle", true)));
        assertEquals(0, lexicon.compiledPatterns(), "building it compiles nothing");

        assertEquals(List.of(Map.entry("ds", 14)), lexicon.found("a data scientist"));
        // "data": its letter's group; "a" and "scientist", letters of no group: the pattern of the phrases of no
        // group ("#ml"); and the phrase matched as written, tried on every text.
        assertEquals(3, lexicon.compiledPatterns());
        assertEquals(List.of(Map.entry("mle", 25), Map.entry("tag", 3), Map.entry("mle", 3)),
                lexicon.found("Machine Learning Engineer, #ml, MLE"));

        Lexicon warmed = new Lexicon(List.of(Lexicon.term("machine learning engineer", "mle", false),
                Lexicon.term("data scientist", "ds", false), Lexicon.term("#ml", "tag", false),
                Lexicon.term("MLE", "mle", true)));
        warmed.compileAll();
        int all = warmed.compiledPatterns();
        warmed.found("Machine Learning Engineer, a data scientist, #ml, MLE");
        assertEquals(all, warmed.compiledPatterns(), "nothing left to compile after compileAll");
        assertEquals(5, all, "groups m and d, the one of no group, the one of all, and the phrase matched as written");
    }

    @Test
    void every_lexicon_finds_what_the_plain_search_of_all_its_phrases_finds() throws Exception {
        // What people say (the evaluation's questions and every conversation turn), what the guides say (every
        // unit), and a seeded draw of their words run together with odd case, dashes, digits and characters
        // that fold oddly (the Kelvin sign, dotted capital I, sharp s, a ligature, an emoji).
        List<String> texts = new ArrayList<>(EvalSet.load().all());
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(Path.of("src/test/resources/eval"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("conversations")).toList()) {
                for (JsonNode conversation : json.readTree(file.toFile()).path("conversations")) {
                    conversation.path("turns").forEach(turn -> texts.add(turn.path("say").asText()));
                }
            }
        }
        List<Passage> passages;
        TokenCounter tokens = TokenCounter.forMiniLm();
        passages = new KnowledgeLoader(Path.of("knowledge"), tokens::count).load().passages();
        passages.forEach(p -> p.units().stream().map(Unit::text).forEach(texts::add));
        int told = texts.size();
        List<String> words = texts.stream().flatMap(t -> List.of(t.split("\\s+")).stream()).distinct().toList();
        List<String> odd = List.of("\u212A", "\u0130", "\u00DF", "\uFB01", "\uD83D\uDE00", "-", "--", "2", "C01", "'s");
        Random random = new Random(11);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(12); n > 0; n--) {
                String word = random.nextInt(5) == 0 ? odd.get(random.nextInt(odd.size()))
                        : words.get(random.nextInt(words.size()));
                word = switch (random.nextInt(4)) {
                    case 0 -> word.toUpperCase(Locale.ROOT);
                    case 1 -> word.toLowerCase(Locale.ROOT);
                    default -> word;
                };
                text.append(word).append(List.of(" ", " ", "-", "  ", "").get(random.nextInt(5)));
            }
            texts.add(text.toString());
        }
        // Words whose first letter is swapped for one that folds to it (the Kelvin sign for k, dotted and
        // dotless I for i, the long s for s, the other case), alone and right after a letter outside the
        // Basic Multilingual Plane (which the patterns' look-behind reads as half a character).
        for (String word : words) {
            String folded = switch (Character.toLowerCase(word.isEmpty() ? ' ' : word.charAt(0))) {
                case 'k' -> "\u212A";
                case 'i' -> random.nextBoolean() ? "\u0130" : "\u0131";
                case 's' -> "\u017F";
                default -> null;
            };
            if (folded != null) {
                String swapped = folded + word.substring(1);
                texts.add("so " + swapped + " then");
                texts.add("\uD835\uDC1A" + swapped); // MATHEMATICAL BOLD SMALL A
                texts.add("\uD835\uDFD0" + word.toUpperCase(Locale.ROOT)); // MATHEMATICAL BOLD DIGIT TWO
            }
        }
        List<Lexicon> lexicons = new Entities(CertificationCatalog.load(Path.of("knowledge"))).lexicons();
        int found = 0;
        for (Lexicon lexicon : lexicons) {
            Pattern all = lexicon.all();
            if (all == null) {
                continue; // no phrase that is not matched as written
            }
            for (String text : texts) {
                List<String> expected = plainly(all, text);
                assertEquals(expected, each(lexicon, text), text);
                found += expected.size();
            }
        }
        assertTrue(told > 1_000, told + " texts people and the guides say");
        assertTrue(found > 2_000, found + " phrases found");
        assertTrue(swappedFound(lexicons, texts) > 20, "phrases found that begin with a swapped letter");
    }
}
