package io.github.careeradvisor.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import io.github.careeradvisor.retrieval.Retrieval;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composer alone, on hand-made retrievals: no model, no index. */
class AnswerComposerTest {

    private final AnswerComposer composer = new AnswerComposer("Sorry, I only know about ML careers.");

    private static Unit sentence(String text, int block) {
        return new Unit(text, Unit.Kind.SENTENCE, block);
    }

    private static Unit bullet(String text, int block) {
        return new Unit(text, Unit.Kind.BULLET, block);
    }

    private static RetrievedPassage found(String section, double similarity, List<Unit> units, List<Double> scores) {
        return new RetrievedPassage(new Passage("g.md#" + section, "knowledge/g.md", "Guide", section, List.of(), units),
                similarity, 0.03, scores);
    }

    @Test
    void declines_when_nothing_relevant_was_found() {
        Answer answer = composer.compose(new Retrieval(List.of(), 0.1, false));

        assertFalse(answer.grounded());
        assertTrue(answer.sources().isEmpty());
        assertEquals("Sorry, I only know about ML careers.", PlainText.body(answer));
    }

    @Test
    void a_decline_for_words_no_guide_uses_names_them_between_its_opening_and_its_offer() {
        AnswerComposer offering = new AnswerComposer("Sorry, that is outside what I know.", "Ask me about pay.", List.of());

        assertEquals("Sorry, that is outside what I know: my guides never mention \u201cburnout\u201d. Ask me about pay.",
                PlainText.body(offering.compose(new Retrieval(List.of(), 0.6, false, List.of("burnout")))));
        assertEquals("Sorry, that is outside what I know: my guides never mention \u201cdocker\u201d or "
                + "\u201ckubernetes\u201d. Ask me about pay.", PlainText.body(offering.compose(
                        new Retrieval(List.of(), 0.6, false, List.of("docker", "kubernetes")))));
        assertEquals("Sorry, that is outside what I know. Ask me about pay.",
                PlainText.body(offering.compose(new Retrieval(List.of(), 0.1, false))));
        assertFalse(offering.compose(new Retrieval(List.of(), 0.6, false, List.of("burnout"))).grounded());
    }

    @Test
    void answers_with_the_best_sentence_first_then_the_other_points_and_cites_them() {
        RetrievedPassage pay = found("Entry level", 0.7, List.of(
                sentence("Pay depends on the city.", 0), sentence("The weather is nice.", 0),
                sentence("Juniors earn $70,000.", 0)), List.of(0.75, 0.1, 0.8));

        Answer answer = composer.compose(new Retrieval(List.of(pay), 0.8, true));

        assertEquals("Juniors earn $70,000.\n\n• Pay depends on the city.", PlainText.body(answer));
        assertEquals(List.of(new Answer.Citation("Guide", "Entry level", "knowledge/g.md", 0.7)), answer.sources());
    }

    @Test
    void opens_with_the_best_sentence_naming_the_focus_when_one_is_worth_quoting() {
        RetrievedPassage degrees = found("Degrees", 0.7, List.of(
                sentence("A master's degree can improve career prospects.", 0),
                sentence("A PhD can open research roles.", 0),
                sentence("PhDs are rare in industry teams.", 0),
                sentence("Some companies hire PhDs for research only.", 0)), List.of(0.8, 0.74, 0.7, 0.5));
        Retrieval found = new Retrieval(List.of(degrees), 0.8, true);

        assertTrue(PlainText.body(composer.compose(found)).startsWith("A master's degree"));
        String focused = PlainText.body(composer.compose(found, List.of("phd")));
        assertTrue(focused.startsWith("A PhD can open research roles.\n\n"
                + "• A master's degree"), "the focus, in any case, first; the rest as before: " + focused);
        // Only among sentences worth quoting: one far below the best does not open the answer.
        RetrievedPassage far = found("Degrees", 0.7, List.of(
                sentence("A master's degree can improve career prospects.", 0),
                sentence("Some companies hire PhDs for research only.", 0)), List.of(0.8, 0.2));
        assertTrue(PlainText.body(composer.compose(new Retrieval(List.of(far), 0.8, true), List.of("phd")))
                .startsWith("A master's degree"));
        assertTrue(PlainText.body(composer.compose(found, List.of("bootcamp"))).startsWith("A master's degree"),
                "a focus no sentence names changes nothing");
    }

    @Test
    void a_list_is_quoted_without_its_intro_and_each_figure_keeps_its_source_in_a_short_note() {
        AnswerComposer compact = new AnswerComposer("Sorry.", List.of("Simplilearn", "the ML Engineer Jobs guide"));
        RetrievedPassage pay = found("Entry level", 0.7, List.of(
                sentence("Each source gives its own range:", 0),
                bullet("Simplilearn: entry-level ML engineers earn $70,000 to $120,000.", 1),
                bullet("The ML Engineer Jobs guide: entry-level ML engineers earn $80,000 to $110,000.", 1)),
                List.of(0.2, 0.8, 0.75));

        Answer answer = compact.compose(new Retrieval(List.of(pay), 0.8, true));

        assertEquals("Entry-level ML engineers earn $70,000 to $120,000 (Simplilearn).\n\n"
                + "• Entry-level ML engineers earn $80,000 to $110,000 (ML Engineer Jobs guide).", PlainText.body(answer));
    }

    @Test
    void a_sentence_saying_the_same_as_one_already_chosen_is_left_out() {
        RetrievedPassage skills = found("Skills", 0.7, List.of(
                sentence("Python is the main language for machine learning work.", 0),
                sentence("Python is the main language for most machine learning work.", 0),
                sentence("SQL is needed to query data.", 0)), List.of(0.8, 0.79, 0.75));

        Answer answer = composer.compose(new Retrieval(List.of(skills), 0.8, true));

        assertEquals("Python is the main language for machine learning work.\n\n• SQL is needed to query data.",
                PlainText.body(answer));
    }

    @Test
    void never_more_than_four_points_after_the_first_sentence_nor_six_from_one_list() {
        List<Unit> sentences = new java.util.ArrayList<>();
        List<Unit> bullets = new java.util.ArrayList<>();
        List<Double> scores = new java.util.ArrayList<>();
        List<String> topics = List.of("Python", "SQL", "Spark", "Docker", "Git", "Kubernetes", "Statistics", "Calculus", "Linux");
        for (int i = 0; i < topics.size(); i++) {
            sentences.add(sentence(topics.get(i) + ".", i));
            bullets.add(bullet(topics.get(i) + " matters.", 0));
            scores.add(0.8);
        }

        Answer prose = composer.compose(new Retrieval(List.of(found("Tools", 0.7, sentences, scores)), 0.8, true));
        Answer list = composer.compose(new Retrieval(List.of(found("Tools", 0.7, bullets, scores)), 0.8, true));

        assertEquals(AnswerComposer.MAX_POINTS, ((Answer.Bullets) prose.blocks().get(1)).items().size(), PlainText.body(prose));
        assertEquals(AnswerComposer.MAX_LIST_POINTS, ((Answer.Bullets) list.blocks().get(1)).items().size(),
                PlainText.body(list));
    }

    @Test
    void stays_under_the_hard_cap_however_long_the_passages() {
        String longSentence = "A very long sentence about skills and more skills. ".repeat(40).strip();
        List<Unit> units = List.of(sentence(longSentence + " 1", 0), sentence(longSentence + " 2", 0),
                sentence(longSentence + " 3", 0));

        Answer answer = composer.compose(new Retrieval(
                List.of(found("Skills", 0.7, units, List.of(0.8, 0.8, 0.8))), 0.8, true));

        assertTrue(PlainText.body(answer).length() <= AnswerComposer.MAX_CHARS, "" + PlainText.body(answer).length());
        assertTrue(PlainText.body(answer).startsWith("A very long sentence"), "the best unit is always quoted");
        assertTrue(PlainText.body(answer).endsWith("…"), "a unit over the cap is shortened visibly");
    }

    @Test
    void the_same_sentence_in_two_passages_is_quoted_once() {
        Unit same = sentence("Python is the main language.", 0);
        Answer answer = composer.compose(new Retrieval(List.of(
                found("A", 0.7, List.of(same), List.of(0.8)), found("B", 0.69, List.of(same), List.of(0.8))), 0.8, true));

        assertEquals("Python is the main language.", PlainText.body(answer));
        assertEquals(1, answer.sources().size());
    }
}
