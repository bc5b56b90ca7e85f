package io.github.careeradvisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;

/** One {@code ask --json} line, in the shape the README shows ("An {@code ask --json} line"). */
final class JsonLine {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLine() {
    }

    static String of(String question, Answer answer, double latencyMs) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("question", question);
        line.put("answer", PlainText.body(answer));
        line.put("grounded", answer.grounded());
        ArrayNode sources = line.putArray("sources");
        for (Answer.Citation c : answer.sources()) {
            sources.addObject()
                    .put("title", c.title())
                    .put("section", c.section())
                    .put("file", c.file())
                    .put("score", c.score());
        }
        line.put("latencyMs", Math.round(latencyMs * 10) / 10.0);
        line.put("composer", answer.generated() ? "generated" : "extractive");
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a JSON line for " + question, e);
        }
    }
}
