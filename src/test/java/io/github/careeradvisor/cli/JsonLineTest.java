package io.github.careeradvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.answer.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ask --json} line: exactly the keys the README shows, in its order. */
class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_grounded_answer_is_one_line_with_its_sources() throws Exception {
        Answer answer = new Answer(List.of(new Answer.Paragraph("Entry-level pay is $80,000."),
                new Answer.Bullets(List.of("one", "two"))),
                List.of(new Answer.Citation("Machine learning engineer salaries", "Entry-level salary",
                        "knowledge/salaries.md", 0.75)), true);

        String line = JsonLine.of("how much \"junior\"?", answer, 6.14);

        assertEquals("{\"question\":\"how much \\\"junior\\\"?\",\"answer\":\"Entry-level pay is $80,000.\\n\\n• one\\n• two\","
                + "\"grounded\":true,\"sources\":[{\"title\":\"Machine learning engineer salaries\","
                + "\"section\":\"Entry-level salary\",\"file\":\"knowledge/salaries.md\",\"score\":0.75}],"
                + "\"latencyMs\":6.1,\"composer\":\"extractive\"}", line);
        JsonNode node = JSON.readTree(line);
        assertEquals(List.of("question", "answer", "grounded", "sources", "latencyMs", "composer"), fieldNames(node));
        assertEquals(List.of("title", "section", "file", "score"), fieldNames(node.get("sources").get(0)));
    }

    @Test
    void a_declined_question_is_not_grounded_and_has_no_sources() throws Exception {
        JsonNode node = JSON.readTree(JsonLine.of("capital of australia?", Answer.message("Sorry, that is outside."), 0.04));

        assertEquals(false, node.get("grounded").asBoolean());
        assertEquals(0, node.get("sources").size());
        assertEquals(0.0, node.get("latencyMs").asDouble());
        assertEquals("Sorry, that is outside.", node.get("answer").asText());
    }

    @Test
    void a_phrased_answer_that_passed_the_checks_names_the_generated_composer() throws Exception {
        Answer answer = new Answer(List.of(new Answer.Paragraph("Juniors earn $80,000.")),
                List.of(new Answer.Citation("Salaries", "Entry-level", "knowledge/salaries.md", 0.7)), true, List.of(),
                true);

        assertEquals("generated", JSON.readTree(JsonLine.of("junior pay?", answer, 1)).get("composer").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
