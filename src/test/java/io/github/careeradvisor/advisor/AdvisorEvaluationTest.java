package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.bench.EvalSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluation set (src/test/resources/eval/questions.json, which the benchmark uses too),
 * written from the source articles before any tuning: every on-topic question with the facts its
 * answer must contain, and off-topic questions that must be declined. Prints every miss, so a failure
 * says what to look at. Both embedding models (ADVISOR_MODEL) must hold the gates.
 */
class AdvisorEvaluationTest {

    /** The share of required facts the answers must contain. */
    private static final double MIN_FACTS_FOUND = 0.90;

    @ParameterizedTest(name = "quantized model: {0}")
    @ValueSource(booleans = {false, true})
    void answers_on_topic_questions_with_their_facts_and_declines_the_rest(boolean quantized) {
        EvalSet eval = EvalSet.load();
        Advisor advisor = TestAdvisors.shipped(quantized).advisor();
        // Each question from a person the advisor knows nothing about: personal advice must not colour the
        // evaluation, and a question that says something of its asker ("i have 3 years of experience as an
        // ML engineer, what should i be earning") keeps it for that person's later questions.
        long stranger = 424_242;

        int facts = 0;
        int found = 0;
        List<String> misses = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (EvalSet.Question q : eval.questions()) {
            advisor.reply(stranger, "/forget");
            Answer answer = advisor.reply(stranger, q.text());
            String text = PlainText.body(answer);
            lengths.add(text.length());
            List<String> missing = q.missing(text);
            facts += q.facts().size();
            found += q.facts().size() - missing.size();
            if (!missing.isEmpty()) {
                misses.add(String.format("MISS %s%n  question: %s%n  missing:  %s%n  answer:   %s",
                        answer.grounded() ? "" : "(declined)", q.text(), missing,
                        PlainText.withSources(answer).replace("\n", "\n            ")));
            }
        }
        List<String> answeredOffTopic = new ArrayList<>();
        for (String q : eval.offTopic()) {
            advisor.reply(stranger, "/forget");
            Answer answer = advisor.reply(stranger, q);
            if (answer.grounded()) {
                answeredOffTopic.add(String.format("ANSWERED OFF-TOPIC: %s%n  answer: %s", q,
                        PlainText.withSources(answer).replace("\n", "\n          ")));
            }
        }

        double share = (double) found / facts;
        misses.forEach(System.out::println);
        answeredOffTopic.forEach(System.out::println);
        lengths.sort(null);
        System.out.printf("EVALUATION%s: %d of %d facts found (%.1f%%) over %d questions; %d of %d off-topic "
                        + "questions answered (must be 0); answer length median %d, p90 %d, max %d characters%n",
                quantized ? " (quantized model)" : "", found, facts, share * 100, eval.questions().size(), answeredOffTopic.size(), eval.offTopic().size(),
                lengths.get(lengths.size() / 2), lengths.get(lengths.size() * 9 / 10), lengths.get(lengths.size() - 1));

        assertTrue(share >= MIN_FACTS_FOUND, String.format("only %.1f%% of facts found (need %.0f%%)",
                share * 100, MIN_FACTS_FOUND * 100));
        assertTrue(answeredOffTopic.isEmpty(), "off-topic questions answered: " + answeredOffTopic);
    }
}
