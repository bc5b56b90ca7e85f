package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The evaluation set (src/test/resources/eval/questions.json), written from the source articles before
 * any tuning: every on-topic question with the facts its answer must contain, and off-topic questions
 * that must be declined. Prints every miss, so a failure says what to look at.
 */
class AdvisorEvaluationTest {

    /** The share of required facts the answers must contain. */
    private static final double MIN_FACTS_FOUND = 0.90;

    @Test
    void answers_on_topic_questions_with_their_facts_and_declines_the_rest() throws IOException {
        JsonNode eval = load();
        Advisor advisor = TestAdvisors.shipped().advisor();
        // A person the advisor knows nothing about: personal advice must not colour the evaluation.
        long stranger = 424_242;
        advisor.reply(stranger, "/forget");

        int facts = 0;
        int found = 0;
        List<String> misses = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (JsonNode q : eval.get("questions")) {
            String question = q.get("question").asText();
            Answer answer = advisor.reply(stranger, question);
            String text = normalise(PlainText.body(answer));
            lengths.add(PlainText.body(answer).length());
            List<String> missing = new ArrayList<>();
            for (JsonNode fact : q.get("facts")) {
                facts++;
                if (contains(text, fact.asText())) {
                    found++;
                } else {
                    missing.add(fact.asText());
                }
            }
            if (!missing.isEmpty()) {
                misses.add(String.format("MISS %s %s%n  question: %s%n  missing:  %s%n  answer:   %s",
                        q.get("id").asText(), answer.grounded() ? "" : "(declined)", question, missing,
                        PlainText.withSources(answer).replace("\n", "\n            ")));
            }
        }
        List<String> answeredOffTopic = new ArrayList<>();
        for (JsonNode q : eval.get("offTopic")) {
            Answer answer = advisor.reply(stranger, q.asText());
            if (answer.grounded()) {
                answeredOffTopic.add(String.format("ANSWERED OFF-TOPIC: %s%n  answer: %s", q.asText(),
                        PlainText.withSources(answer).replace("\n", "\n          ")));
            }
        }

        double share = (double) found / facts;
        misses.forEach(System.out::println);
        answeredOffTopic.forEach(System.out::println);
        lengths.sort(null);
        System.out.printf("EVALUATION: %d of %d facts found (%.1f%%) over %d questions; %d of %d off-topic "
                        + "questions answered (must be 0); answer length median %d, p90 %d, max %d characters%n",
                found, facts, share * 100, eval.get("questions").size(), answeredOffTopic.size(),
                eval.get("offTopic").size(), lengths.get(lengths.size() / 2), lengths.get(lengths.size() * 9 / 10),
                lengths.get(lengths.size() - 1));

        assertTrue(share >= MIN_FACTS_FOUND, String.format("only %.1f%% of facts found (need %.0f%%)",
                share * 100, MIN_FACTS_FOUND * 100));
        assertTrue(answeredOffTopic.isEmpty(), "off-topic questions answered: " + answeredOffTopic);
    }

    /** A fact is found when any of its "|"-separated alternatives is in the answer. */
    private static boolean contains(String answer, String fact) {
        for (String alternative : fact.split("\\|")) {
            if (!alternative.isBlank() && answer.contains(normalise(alternative))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('\u2013', '-').replace('\u2014', '-').replace('\u2019', '\'')
                .replaceAll("\\s+", " ");
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = AdvisorEvaluationTest.class.getResourceAsStream("/eval/questions.json")) {
            if (in == null) {
                throw new IOException("eval/questions.json is missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        }
    }
}
