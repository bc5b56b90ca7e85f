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
 * The multi-turn evaluation (src/test/resources/eval/conversations*.json), written before the
 * conversation work was tuned: everyday conversations, each turn with what its reply must and must not
 * contain. Prints every miss, and the reply lengths. Each holdout file was written by someone who had
 * seen neither the code nor the other sets, and kept out of the tuning loop until the next one was
 * written: the first and second are open now; conversations-holdout3.json is the one kept out, its
 * misses printed but not tuned on (its first run, after the change that opened the second: 73 of 86).
 *
 * <p>The build fails under {@value #MIN_TURNS} of all turns or {@value #MIN_FOLLOW_UPS} of follow-up
 * turns, over the four files together. The blind file's own figures, printed apart, are the honest
 * estimate of how the advisor does on wording nobody tuned it for; they are below the gates. Both
 * embedding models (ADVISOR_MODEL) must hold the gates; the quantized one's lines are marked.
 */
class ConversationEvaluationTest {

    static final double MIN_TURNS = 0.90;
    static final double MIN_FOLLOW_UPS = 0.85;

    /** One set's tally. */
    private static final class Tally {
        int turns;
        int passed;
        int followUps;
        int followUpsPassed;
        final List<String> misses = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
    }

    @ParameterizedTest(name = "quantized model: {0}")
    @ValueSource(booleans = {false, true})
    void keeps_the_thread_and_answers_what_each_turn_needs(boolean quantized) throws IOException {
        Advisor advisor = TestAdvisors.shipped(quantized).advisor();
        String model = quantized ? ", quantized model" : "";
        Tally tuning = run(advisor, "/eval/conversations.json", 910_000);
        Tally holdout = run(advisor, "/eval/conversations-holdout.json", 920_000);
        Tally fresh = run(advisor, "/eval/conversations-holdout2.json", 930_000);
        Tally blind = run(advisor, "/eval/conversations-holdout3.json", 940_000);

        tuning.misses.forEach(System.out::println);
        holdout.misses.forEach(m -> System.out.println("[holdout] " + m));
        fresh.misses.forEach(m -> System.out.println("[holdout2] " + m));
        blind.misses.forEach(m -> System.out.println("[holdout3] " + m));
        Tally all = new Tally();
        for (Tally t : List.of(tuning, holdout, fresh, blind)) {
            all.turns += t.turns;
            all.passed += t.passed;
            all.followUps += t.followUps;
            all.followUpsPassed += t.followUpsPassed;
            all.lengths.addAll(t.lengths);
        }
        print("tuning" + model, tuning);
        print("holdout" + model, holdout);
        print("holdout2" + model, fresh);
        print("holdout3" + model, blind);
        print("all" + model, all);
        assertTrue(all.passed >= MIN_TURNS * all.turns, "turns passed: " + all.passed + " of " + all.turns);
        assertTrue(all.followUpsPassed >= MIN_FOLLOW_UPS * all.followUps,
                "follow-up turns passed: " + all.followUpsPassed + " of " + all.followUps);
    }

    private static void print(String name, Tally t) {
        List<Integer> lengths = new ArrayList<>(t.lengths);
        lengths.sort(null);
        System.out.printf("CONVERSATIONS (%s): %d of %d turns passed (%.1f%%); follow-ups %d of %d (%.1f%%); "
                        + "free-text reply length median %d, p90 %d, max %d characters%n", name, t.passed, t.turns,
                100.0 * t.passed / t.turns, t.followUpsPassed, t.followUps, 100.0 * t.followUpsPassed / t.followUps,
                lengths.get(lengths.size() / 2), lengths.get(lengths.size() * 9 / 10), lengths.get(lengths.size() - 1));
    }

    private static Tally run(Advisor advisor, String resource, long firstUser) throws IOException {
        JsonNode root;
        try (InputStream in = ConversationEvaluationTest.class.getResourceAsStream(resource)) {
            root = new ObjectMapper().readTree(in);
        }
        Tally tally = new Tally();
        long user = firstUser;
        for (JsonNode conversation : root.get("conversations")) {
            user++;
            long chat = user;
            advisor.reply(user, chat, "/forget");
            List<String> said = new ArrayList<>();
            for (JsonNode turn : conversation.get("turns")) {
                String say = turn.get("say").asText();
                Answer answer = advisor.reply(user, chat, say);
                String body = PlainText.body(answer);
                if (!say.startsWith("/")) {
                    tally.lengths.add(body.length());
                }
                List<String> wrong = check(turn, answer, body);
                boolean followUp = turn.path("followUp").asBoolean();
                tally.turns++;
                tally.followUps += followUp ? 1 : 0;
                if (wrong.isEmpty()) {
                    tally.passed++;
                    tally.followUpsPassed += followUp ? 1 : 0;
                } else {
                    tally.misses.add(String.format("MISS %s turn %d%s%n  before:  %s%n  said:    %s%n  wrong:   %s%n"
                                    + "  reply:   %s", conversation.get("id").asText(), said.size() + 1,
                            followUp ? " (follow-up)" : "", String.join(" | ", said), shorten(say), wrong,
                            PlainText.withSources(answer).replace("\n", "\n           ")));
                }
                said.add(shorten(say));
            }
        }
        return tally;
    }

    private static List<String> check(JsonNode turn, Answer answer, String body) {
        List<String> wrong = new ArrayList<>();
        String expect = turn.get("expect").asText();
        switch (expect) {
            case "answer" -> {
                if (!answer.grounded()) {
                    wrong.add("expected an answer from the guides");
                }
            }
            case "decline" -> {
                if (answer.grounded()) {
                    wrong.add("expected a decline");
                }
            }
            case "clarify" -> {
                if (answer.grounded() || !body.contains("?")) {
                    wrong.add("expected a clarifying question");
                }
            }
            case "noted" -> {
                if (answer.grounded()) {
                    wrong.add("expected a confirmation of what was noted");
                }
            }
            default -> {
            }
        }
        for (JsonNode fact : turn.get("mustContain")) {
            if (!EvalSet.found(body, fact.asText())) {
                wrong.add("missing '" + fact.asText() + "'");
            }
        }
        for (JsonNode fact : turn.get("mustNotContain")) {
            if (EvalSet.found(body, fact.asText())) {
                wrong.add("should not say '" + fact.asText() + "'");
            }
        }
        return wrong;
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "…";
    }
}
