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
                + "\"latencyMs\":6.1}", line);
        JsonNode node = JSON.readTree(line);
        assertEquals(List.of("question", "answer", "grounded", "sources", "latencyMs"), fieldNames(node));
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

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
