package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.bench.EvalSet;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Questions about the field that the guides do not cover ("can I work remotely as an ML engineer?") must be
 * declined, not answered with a passage about something else; and questions the guides do cover, in words
 * the guides never use ("how much dough does a newbie pull in?"), must still be answered with their facts.
 * The set (src/test/resources/eval/uncovered.json) was written before the decline rule, in two parts: the
 * tuning part prints its misses, the holdout part only its counts, so the rule is not fitted to its
 * wording. Each question is asked by a person of its own, so no thread joins them.
 */
class UncoveredEvaluationTest {

    /**
     * Uncovered questions that must be declined, of each part: a floor under what the rule reaches (about
     * two in five; one in thirty before it), not the aim, which is all of them.
     */
    private static final double MIN_DECLINED = 0.35;
    /**
     * Facts of the covered questions that must be found, of each part: a floor under what is reached (a
     * half in the tuning part's slang, two thirds in the holdout's), not the aim.
     */
    private static final double MIN_FACTS = 0.45;

    record Part(String name, List<String> uncovered, List<EvalSet.Question> covered) {
    }

    static List<Part> load() throws IOException {
        try (InputStream in = UncoveredEvaluationTest.class.getResourceAsStream("/eval/uncovered.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Part> parts = new ArrayList<>();
            for (String name : List.of("tuning", "holdout")) {
                JsonNode part = root.get(name);
                List<String> uncovered = new ArrayList<>();
                part.get("uncovered").forEach(q -> uncovered.add(q.asText()));
                List<EvalSet.Question> covered = new ArrayList<>();
                for (JsonNode q : part.get("covered")) {
                    List<String> facts = new ArrayList<>();
                    q.get("facts").forEach(f -> facts.add(f.asText()));
                    covered.add(new EvalSet.Question(q.get("question").asText(), facts));
                }
                parts.add(new Part(name, uncovered, covered));
            }
            return parts;
        }
    }

    @ParameterizedTest(name = "quantized model: {0}")
    @ValueSource(booleans = {false, true})
    void declines_what_the_guides_do_not_cover_and_answers_what_they_do_in_other_words(boolean quantized)
            throws IOException {
        Advisor advisor = TestAdvisors.shipped(quantized).advisor();
        long person = 7_310_000;
        List<String> failures = new ArrayList<>();
        for (Part part : load()) {
            boolean printed = part.name().equals("tuning");
            int declined = 0;
            for (String q : part.uncovered()) {
                Answer answer = advisor.reply(++person, q);
                if (PlainText.body(answer).startsWith(Messages.DECLINE_OPENING.replace(".", ""))) {
                    declined++; // a decline, not a question asked back
                } else if (printed) {
                    System.out.printf("MISS (not declined) %s%n  answer: %s%n", q,
                            PlainText.withSources(answer).replace("\n", "\n          "));
                }
            }
            int facts = 0;
            int found = 0;
            for (EvalSet.Question q : part.covered()) {
                Answer answer = advisor.reply(++person, q.text());
                String text = PlainText.body(answer);
                List<String> missing = q.missing(text);
                facts += q.facts().size();
                found += q.facts().size() - missing.size();
                if (printed && !missing.isEmpty()) {
                    System.out.printf("MISS (facts %s) %s%n  answer: %s%n", missing, q.text(),
                            PlainText.withSources(answer).replace("\n", "\n          "));
                }
            }
            System.out.printf("UNCOVERED %s%s: %d of %d uncovered questions declined; %d of %d facts found in %d "
                            + "covered questions%n", part.name(), quantized ? " (quantized model)" : "", declined,
                    part.uncovered().size(), found, facts, part.covered().size());
            if (declined < MIN_DECLINED * part.uncovered().size()) {
                failures.add(part.name() + ": only " + declined + " of " + part.uncovered().size() + " declined");
            }
            if (found < MIN_FACTS * facts) {
                failures.add(part.name() + ": only " + found + " of " + facts + " facts found");
            }
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    /**
     * A word no guide uses is not always the subject: of the evaluation set's questions that are answered,
     * at most one in twenty may be declined once a filler is added, one of several by the question's place
     * (written after the rule; "cheers mate" is now a tail the search leaves out, "concretely" an adverb).
     */
    @ParameterizedTest(name = "quantized model: {0}")
    @ValueSource(booleans = {false, true})
    void a_filler_word_the_guides_never_use_does_not_turn_an_answer_into_a_decline(boolean quantized) {
        Advisor advisor = TestAdvisors.shipped(quantized).advisor();
        // "cheers" and "mate" joined the lexicon's tails once this check found them; the others are in no list.
        List<String> fillers = List.of("concretely", "cheers mate", "realistically speaking", "in a nutshell",
                "much appreciated", "if you know");
        long person = 7_320_000;
        List<String> declined = new ArrayList<>();
        int answered = 0;
        List<EvalSet.Question> questions = EvalSet.load().questions();
        for (int i = 0; i < questions.size(); i++) {
            EvalSet.Question q = questions.get(i);
            if (!advisor.reply(++person, q.text()).grounded()) {
                continue;
            }
            answered++;
            String padded = q.text() + " " + fillers.get(i % fillers.size());
            Answer answer = advisor.reply(++person, padded);
            if (!answer.grounded()) {
                declined.add(padded + " -> " + PlainText.body(answer).lines().findFirst().orElse(""));
            }
        }
        declined.forEach(d -> System.out.println("DECLINED WITH A FILLER: " + d));
        System.out.printf("FILLERS%s: %d of %d answered questions declined once a filler was added%n",
                quantized ? " (quantized model)" : "", declined.size(), answered);
        assertTrue(answered > 100, answered + " questions answered");
        assertTrue(declined.size() * 20 <= answered, declined.size() + " of " + answered
                + " declined once a filler was added");
    }
}
