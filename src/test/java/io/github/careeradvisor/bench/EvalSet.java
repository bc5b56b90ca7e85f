package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation set in the test resources: questions with the facts their answers must hold, and
 * off-topic ones. The advisor's tests and the benchmark both read it; the product jar does not hold it.
 */
public record EvalSet(List<Question> questions, List<String> offTopic) {

    public record Question(String text, List<String> facts) {

        /** The facts an answer's text does not hold, in order. */
        public List<String> missing(String answer) {
            return facts.stream().filter(f -> !found(answer, f)).toList();
        }
    }

    public static EvalSet load() {
        try (InputStream in = EvalSet.class.getResourceAsStream("/eval/questions.json")) {
            if (in == null) {
                throw new IllegalStateException("eval/questions.json is not on the classpath (it is in src/test/resources)");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Question> questions = new ArrayList<>();
            for (JsonNode q : root.get("questions")) {
                List<String> facts = new ArrayList<>();
                q.get("facts").forEach(f -> facts.add(f.asText()));
                questions.add(new Question(q.get("question").asText(), facts));
            }
            List<String> offTopic = new ArrayList<>();
            root.get("offTopic").forEach(q -> offTopic.add(q.asText()));
            return new EvalSet(questions, offTopic);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the evaluation set", e);
        }
    }

    /** Every question, on-topic and off-topic. */
    public List<String> all() {
        List<String> all = new ArrayList<>();
        questions.forEach(q -> all.add(q.text()));
        all.addAll(offTopic);
        return all;
    }

    /**
     * The questions repeated and reworded the ways people retype them, {@code rounds} versions of each:
     * as asked, in lower case, with a greeting, with thanks, without the question mark, …
     */
    List<String> workload(int rounds) {
        List<String> out = new ArrayList<>();
        List<String> base = all();
        for (int r = 0; r < rounds; r++) {
            for (String q : base) {
                out.add(switch (r % 7) {
                    case 0 -> q;
                    case 1 -> q.toLowerCase(Locale.ROOT);
                    case 2 -> "hi! " + q;
                    case 3 -> q + " thanks";
                    case 4 -> q.replace("?", "");
                    case 5 -> "please tell me: " + q;
                    default -> q.replace(" ", "  ");
                });
            }
        }
        return out;
    }

    /** A fact is found when any of its "|"-separated alternatives is in the text. */
    public static boolean found(String text, String fact) {
        String t = normalise(text);
        for (String alternative : fact.split("\\|")) {
            if (!alternative.isBlank() && t.contains(normalise(alternative))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('\u2013', '-').replace('\u2014', '-').replace('\u2019', '\'')
                .replaceAll("\\s+", " ");
    }
}
