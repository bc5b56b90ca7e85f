package io.github.careeradvisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.careeradvisor.profile.FeedbackStore;

/** The {@code report --json} object, in the shape the README shows ("Feedback"). */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    public static String of(FeedbackStore.Report report, int days) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("days", days);
        json.put("answers", report.answers());
        json.put("answersVoted", report.voted());
        json.put("votes", report.votes());
        json.put("helpfulShare", report.votes() == 0 ? null : Math.round(1000.0 * report.helpful() / report.votes()) / 1000.0);
        var down = json.putArray("downVoted");
        for (FeedbackStore.DownVoted q : report.downVoted()) {
            var item = down.addObject().put("question", q.question()).put("down", q.down()).put("up", q.up());
            var comments = item.putArray("comments");
            q.comments().forEach(comments::add);
        }
        var declined = json.putArray("declined");
        report.declined().forEach(q -> declined.addObject().put("question", q.question()).put("times", q.times()));
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the report as JSON", e);
        }
    }
}
