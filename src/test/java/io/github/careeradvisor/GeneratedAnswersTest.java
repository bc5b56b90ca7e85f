package io.github.careeradvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.generation.FakeModelApi;
import io.github.careeradvisor.generation.FakeModelApi.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated answers (README, "Use a language model") through the whole program, {@code ask --json}, against
 * an OpenAI-compatible stand-in on 127.0.0.1: a faithful reply is sent, cited; every other reply gives the
 * extractive answer within the timeout and a second.
 */
class GeneratedAnswersTest {

    private static final String QUESTION = "how is an ML engineer different from a data scientist?";
    private static final String KEY = "sk-stand-in-secret-4f9a2c";
    private static final int TIMEOUT_SECONDS = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeModelApi model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTheStandIn() throws IOException {
        TestAdvisors.shipped(); // the shipped guides' vectors, cached for every run below
        model = new FakeModelApi();
    }

    @AfterAll
    static void stopTheStandIn() {
        model.close();
    }

    private record Run(int code, String out, String err) {
        List<JsonNode> lines() {
            return out.lines().map(l -> {
                try {
                    return JSON.readTree(l);
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + l, e);
                }
            }).toList();
        }

        JsonNode line() {
            assertEquals(1, lines().size(), out + err);
            return lines().get(0);
        }
    }

    private Run ask(Mode mode, Map<String, String> extraEnv, String stdin, String... args) {
        model.mode(mode);
        Map<String, String> env = new HashMap<>(Map.of("ADVISOR_DATA_DIR", TestAdvisors.SHIPPED_DATA_DIR.toString(),
                "ADVISOR_LLM_URL", model.url(), "ADVISOR_LLM_MODEL", "stand-in",
                "ADVISOR_LLM_TIMEOUT", String.valueOf(TIMEOUT_SECONDS)));
        env.putAll(extraEnv);
        env.values().removeIf(String::isEmpty);
        AppRun run = AppRun.of(env, stdin, args);
        return new Run(run.code(), run.out(), run.err());
    }

    private Run ask(Mode mode, String question) {
        return ask(mode, Map.of(), "", "ask", "--json", question);
    }

    private static int requestsSoFar() {
        return model.requests().size();
    }

    @Test
    void a_faithful_reply_is_sent_with_the_passages_it_cites_as_sources() {
        int before = requestsSoFar();
        Run run = ask(Mode.FAITHFUL, QUESTION);

        JsonNode line = run.line();
        assertEquals("generated", line.get("composer").asText(), run.err());
        assertTrue(line.get("grounded").asBoolean());
        assertEquals(List.of("question", "answer", "grounded", "sources", "latencyMs", "composer"),
                iterable(line.fieldNames()));
        assertFalse(line.get("answer").asText().contains("[1]"), "citation marks become the sources line");
        assertEquals(1, line.get("sources").size(), line.toString());
        assertEquals(before + 1, requestsSoFar());
        JsonNode request = model.requests().get(before);
        assertEquals("stand-in", request.get("model").asText());
        String system = request.get("messages").get(0).get("content").asText();
        String user = request.get("messages").get(1).get("content").asText();
        assertTrue(system.contains("only from the numbered passages"), system);
        assertTrue(user.startsWith("Passages:\n\n[1] "), user);
        assertTrue(user.contains("About the person asking: nothing known yet"), user);
        assertTrue(user.endsWith("Question: " + QUESTION), user);
        // The passage the stand-in quoted is the one the sources line names.
        String firstTitle = user.lines().filter(l -> l.startsWith("[1] ")).findFirst().orElseThrow();
        assertTrue(firstTitle.startsWith("[1] " + line.get("sources").get(0).get("title").asText()), firstTitle);
    }

    @Test
    void a_reply_with_an_invented_figure_gives_the_extractive_answer_and_is_counted() {
        Run run = ask(Mode.INVENTS_A_FIGURE, QUESTION);

        assertExtractive(run.line());
        assertFalse(run.out().contains(FakeModelApi.INVENTED));
        assertTrue(run.err().contains("generation: a figure no given passage states; the extractive answer was used"),
                run.err());
    }

    @Test
    void a_reply_citing_a_passage_not_given_gives_the_extractive_answer() {
        Run run = ask(Mode.CITES_A_PASSAGE_NOT_GIVEN, QUESTION);

        assertExtractive(run.line());
        assertTrue(run.err().contains("generation: a citation of a passage not given"), run.err());
    }

    @Test
    void an_empty_reply_gives_the_extractive_answer() {
        Run run = ask(Mode.EMPTY, QUESTION);

        assertExtractive(run.line());
        assertTrue(run.err().contains("generation: an empty or unreadable reply"), run.err());
    }

    @Test
    void a_malformed_body_gives_the_extractive_answer_and_nothing_of_it_is_shown() {
        Run run = ask(Mode.MALFORMED, QUESTION);

        assertExtractive(run.line());
        assertFalse(run.out().contains("not json") || run.err().contains("not json"), run.out() + run.err());
        assertTrue(run.err().contains("generation: an empty or unreadable reply from the model API"), run.err());
    }

    @Test
    void a_stalled_reply_gives_the_extractive_answer_within_the_timeout_and_a_second() {
        Run run = ask(Mode.STALLS, QUESTION);

        JsonNode line = run.line();
        assertExtractive(line);
        assertTrue(line.get("latencyMs").asDouble() < (TIMEOUT_SECONDS + 1) * 1000, line.toString());
        assertTrue(run.err().contains("generation: no whole reply within 1 s"), run.err());
    }

    @Test
    void a_stream_cut_off_or_one_that_never_stops_gives_the_extractive_answer_within_the_timeout_and_a_second() {
        Run cut = ask(Mode.CUT_OFF, QUESTION);
        Run endless = ask(Mode.NEVER_STOPS, QUESTION);

        assertExtractive(cut.line());
        assertExtractive(endless.line());
        assertTrue(endless.line().get("latencyMs").asDouble() < (TIMEOUT_SECONDS + 1) * 1000, endless.out());
        assertFalse(endless.out().contains("and so on"), endless.out());
    }

    @Test
    void a_follow_up_is_searched_as_the_model_rewrote_it() {
        int rewritesBefore = model.rewriteRequests().size();
        model.rewrites("How much does the MLA-C01 exam cost?");
        Run run;
        try {
            run = ask(Mode.SERVER_ERROR, Map.of(), "how much does a junior ML engineer earn?\nand seniors?\n",
                    "ask", "--json");
        } finally {
            model.rewrites(null);
        }

        List<JsonNode> lines = run.lines();
        assertEquals(2, lines.size(), run.out());
        String rewriteRequest = model.rewriteRequests().get(rewritesBefore);
        assertTrue(rewriteRequest.contains("- how much does a junior ML engineer earn?"), rewriteRequest);
        assertTrue(rewriteRequest.endsWith("Follow-up: and seniors?"), rewriteRequest);
        // A rewrite chosen to mean something else shows that it, not the rules' reading, was searched.
        String answer = lines.get(1).get("answer").asText();
        assertTrue(answer.contains("MLA-C01") && answer.contains("$"), answer);
    }

    @Test
    void a_failed_rewrite_leaves_the_rules_reading_of_the_follow_up() {
        model.rewrites("");
        Run run;
        try {
            run = ask(Mode.SERVER_ERROR, Map.of(), "how much does a junior ML engineer earn?\nand seniors?\n",
                    "ask", "--json");
        } finally {
            model.rewrites(null);
        }

        String answer = run.lines().get(1).get("answer").asText().toLowerCase(java.util.Locale.ROOT);
        assertTrue(answer.contains("senior") || answer.contains("experienced"), answer);
        assertTrue(run.err().contains("the rules' reading of the follow-up was used"), run.err());
    }

    @Test
    void chat_prints_the_answer_as_it_is_written_and_says_so_when_it_is_replaced() {
        model.chunkMillis(20);
        Run faithful;
        Run invented;
        try {
            faithful = ask(Mode.FAITHFUL, Map.of("ADVISOR_LLM_TIMEOUT", "10"), QUESTION + "\nquit\n", "chat");
            invented = ask(Mode.INVENTS_A_FIGURE, Map.of("ADVISOR_LLM_TIMEOUT", "10"), QUESTION + "\nquit\n", "chat");
        } finally {
            model.chunkMillis(5);
        }

        assertEquals(0, faithful.code(), faithful.err());
        assertTrue(faithful.out().contains("Source: "), faithful.out());
        assertFalse(faithful.out().contains("could not be checked"), faithful.out());
        assertTrue(invented.out().contains("(That wording could not be checked against the guides"), invented.out());
        assertFalse(invented.out().contains(FakeModelApi.INVENTED), invented.out());
    }

    @Test
    void a_server_error_or_a_rate_limit_gives_the_extractive_answer_after_one_try() {
        int before = requestsSoFar();
        Run error = ask(Mode.SERVER_ERROR, QUESTION);
        Run limited = ask(Mode.RATE_LIMITED, QUESTION);

        assertExtractive(error.line());
        assertExtractive(limited.line());
        assertEquals(before + 2, requestsSoFar(), "no retry past the timeout");
        assertTrue(error.err().contains("generation: HTTP 500 from the model API"), error.err());
        assertTrue(limited.err().contains("generation: HTTP 429 from the model API"), limited.err());
        assertFalse(error.err().contains("the model crashed") || limited.err().contains("slow down"),
                "nothing the endpoint says is shown");
    }

    @Test
    void after_three_failures_in_a_row_the_model_is_left_alone_and_the_pause_is_logged_once() {
        int before = requestsSoFar();
        Run run = ask(Mode.SERVER_ERROR, Map.of(), (QUESTION + "\n").repeat(5), "ask", "--json");

        assertEquals(5, run.lines().size(), run.out());
        run.lines().forEach(GeneratedAnswersTest::assertExtractive);
        assertEquals(before + 3, requestsSoFar());
        assertEquals(1, run.err().lines().filter(l -> l.contains("3 failures in a row; paused for 60 s")).count(),
                run.err());
    }

    @Test
    void a_declined_question_never_reaches_the_model() {
        int before = requestsSoFar();
        Run run = ask(Mode.FAITHFUL, "what is the capital of australia?");

        assertFalse(run.line().get("grounded").asBoolean());
        assertEquals("extractive", run.line().get("composer").asText());
        assertEquals(before, requestsSoFar());
    }

    @Test
    void with_the_url_unset_no_connection_is_made() {
        int before = requestsSoFar();
        Run run = ask(Mode.FAITHFUL, Map.of("ADVISOR_LLM_URL", "", "ADVISOR_LLM_MODEL", ""), "", "ask", "--json",
                QUESTION);

        assertExtractive(run.line());
        assertEquals(before, requestsSoFar());
    }

    @Test
    void a_url_without_a_model_exits_2_naming_the_setting() {
        Run run = ask(Mode.FAITHFUL, Map.of("ADVISOR_LLM_MODEL", ""), "", "ask", QUESTION);

        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("error: ADVISOR_LLM_MODEL is not set"), run.err());
    }

    @Test
    void the_key_is_sent_as_a_bearer_header_and_appears_in_no_output_log_or_file() throws IOException {
        Path data = tmp.resolve("data");
        copy(TestAdvisors.SHIPPED_DATA_DIR, data);
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        ByteArrayOutputStream libraryLogs = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(libraryLogs, true, StandardCharsets.UTF_8);
        int before = requestsSoFar();
        Run good;
        Run bad;
        try {
            System.setOut(capture);
            System.setErr(capture);
            Map<String, String> env = Map.of("ADVISOR_LLM_API_KEY", KEY, "ADVISOR_DATA_DIR", data.toString());
            good = ask(Mode.FAITHFUL, env, "", "ask", "--json", "--user", "7", QUESTION);
            bad = ask(Mode.SERVER_ERROR, env, "", "ask", "--json", "--user", "7", QUESTION);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }

        assertEquals(List.of("Bearer " + KEY, "Bearer " + KEY), model.authorizations().subList(before, before + 2));
        assertEquals("generated", good.line().get("composer").asText(), good.err());
        for (String text : List.of(good.out(), good.err(), bad.out(), bad.err(), libraryLogs.toString(StandardCharsets.UTF_8))) {
            assertFalse(text.contains(KEY), text);
            assertFalse(text.contains("4f9a2c"), text);
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(KEY), file.toString());
            }
        }
    }

    private static void assertExtractive(JsonNode line) {
        assertEquals("extractive", line.get("composer").asText(), line.toString());
        assertTrue(line.get("grounded").asBoolean(), line.toString());
        assertFalse(line.get("answer").asText().isBlank());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().startsWith("advisor.db") && !p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
