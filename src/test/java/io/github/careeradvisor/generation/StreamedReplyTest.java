package io.github.careeradvisor.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamedReplyTest {

    private static final List<RetrievedPassage> GIVEN = List.of(ReplyCheckTest.passage("knowledge/salaries.md#1",
            "Machine learning engineer salaries", "Entry-level",
            "Entry-level ML engineers earn $80,000 to $110,000 a year (ML Engineer Jobs guide)."));

    private final List<String> shown = new ArrayList<>();
    private final StreamedReply stream = new StreamedReply(ReplyCheck.backed(GIVEN), Set.of(),
            soFar -> shown.add(PlainText.body(soFar)));

    private boolean feed(String text) {
        for (int i = 0; i < text.length(); i += 3) {
            if (!stream.add(text.substring(i, Math.min(text.length(), i + 3)))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void each_sentence_is_shown_once_it_is_complete_without_its_citation_marks() {
        assertTrue(feed("Juniors earn $80,000 to $110,000 a year [1]. That is the ML Engineer Jobs guide's range [1]. It"));

        assertEquals(List.of("Juniors earn $80,000 to $110,000 a year.",
                "Juniors earn $80,000 to $110,000 a year. That is the ML Engineer Jobs guide's range."), shown);
        assertNull(stream.failure());
    }

    @Test
    void a_sentence_with_a_figure_no_passage_states_stops_the_stream_and_is_never_shown() {
        assertFalse(feed("Juniors earn $80,000 a year [1]. Seniors earn $987,654 [1]. More text follows."));

        assertEquals(List.of("Juniors earn $80,000 a year."), shown);
        assertEquals("a figure no given passage states", stream.failure());
    }

    @Test
    void a_citation_of_a_passage_not_given_stops_the_stream() {
        assertFalse(feed("Juniors earn $80,000 a year [4]. "));

        assertTrue(shown.isEmpty(), shown.toString());
        assertEquals("a citation of a passage not given", stream.failure());
    }

    @Test
    void the_models_thinking_is_never_shown_and_a_reply_that_never_ends_is_cut_off() {
        assertTrue(feed("<think>They ask about pay. Maybe $1,000,000? </think>Juniors earn $80,000 [1]. "));
        assertEquals(List.of("Juniors earn $80,000."), shown);

        assertFalse(feed("and so on, ".repeat(200)));
        assertTrue(stream.failure().startsWith("a reply over"), stream.failure());
    }

    @Test
    void nothing_is_shown_after_the_reply_is_closed() {
        stream.close();

        assertFalse(stream.add("Juniors earn $80,000 [1]. "));
        assertTrue(shown.isEmpty());
    }
}
