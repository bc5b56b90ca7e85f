package io.github.careeradvisor.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyCheckTest {

    private static final List<RetrievedPassage> GIVEN = List.of(
            passage("knowledge/salaries.md#1", "Machine learning engineer salaries", "Entry-level",
                    "Entry-level ML engineers earn $80,000 to $110,000 a year (ML Engineer Jobs guide)."),
            passage("knowledge/certifications.md#2", "Certifications", "AWS",
                    "The MLA-C01 exam costs $150 and lasts 130 minutes; prices are as of 2026-03-31. About 65% pass."));

    @Test
    void the_same_figure_written_another_way_is_the_same_figure() {
        assertEquals(Set.of("num:120000"), Figures.stated("$120,000"));
        assertEquals(Set.of("num:120000"), Figures.stated("$120k"));
        assertEquals(Set.of("num:120000"), Figures.stated("120000"));
        assertEquals(Set.of("date:2026-03-31"), Figures.stated("March 31, 2026"));
        assertEquals(Set.of("date:2026-03-31"), Figures.stated("2026-03-31"));
        assertEquals(Set.of("pct:65"), Figures.stated("65 percent"));
        assertEquals(Set.of("code:MLA-C01", "num:150"), Figures.stated("MLA-C01 costs $150"));
        assertTrue(Figures.backed("as of March 31, 2026").containsAll(Set.of("month:2026-03", "num:2026")));
    }

    @Test
    void a_reply_whose_figures_its_citations_state_passes_and_cites_those_passages() {
        ReplyCheck.Outcome outcome = ReplyCheck.check("Juniors earn **$80k** to $110,000 a year [1].\n\n"
                + "The exam MLA-C01 costs $150 [2], as of March 31, 2026 [2].", GIVEN, Set.of());

        Answer answer = ((ReplyCheck.Passed) outcome).answer();
        assertTrue(answer.generated());
        assertEquals(List.of(new Answer.Paragraph("Juniors earn $80k to $110,000 a year."),
                new Answer.Paragraph("The exam MLA-C01 costs $150, as of March 31, 2026.")), answer.blocks());
        assertEquals(List.of("Entry-level", "AWS"), answer.sources().stream().map(Answer.Citation::section).toList());
    }

    @Test
    void a_figure_from_a_passage_the_paragraph_does_not_cite_fails() {
        assertEquals(new ReplyCheck.Failed("a figure no cited passage states"),
                ReplyCheck.check("Juniors earn $150 a year [1].", GIVEN, Set.of()));
        assertEquals(new ReplyCheck.Failed("a figure no cited passage states"),
                ReplyCheck.check("About 70% pass the MLA-C01 [2].", GIVEN, Set.of()));
    }

    @Test
    void a_figure_of_the_persons_own_profile_may_be_repeated() {
        assertTrue(ReplyCheck.check("With your 8 years, juniors earn $80,000 [1].", GIVEN, Set.of("num:8"))
                instanceof ReplyCheck.Passed);
    }

    @Test
    void a_citation_of_a_passage_not_given_no_citation_an_empty_or_an_overlong_reply_fails() {
        assertEquals(new ReplyCheck.Failed("a citation of a passage not given"),
                ReplyCheck.check("Juniors earn $80,000 [3].", GIVEN, Set.of()));
        assertEquals(new ReplyCheck.Failed("a reply citing no passage"),
                ReplyCheck.check("Juniors earn well.", GIVEN, Set.of()));
        assertEquals(new ReplyCheck.Failed("an empty reply"),
                ReplyCheck.check("<think>hmm</think>  ", GIVEN, Set.of()));
        assertEquals(new ReplyCheck.Failed("a reply over 1500 characters"),
                ReplyCheck.check("Juniors earn well [1]. ".repeat(80), GIVEN, Set.of()));
    }

    @Test
    void bullet_lines_become_a_list_after_their_lead() {
        Answer answer = ((ReplyCheck.Passed) ReplyCheck.check("The ranges [1]:\n- $80,000 at the low end [1]\n"
                + "- $110,000 at the high end [1]", GIVEN, Set.of())).answer();

        assertEquals(List.of(new Answer.Paragraph("The ranges:"),
                new Answer.Bullets(List.of("$80,000 at the low end", "$110,000 at the high end"))), answer.blocks());
    }

    static RetrievedPassage passage(String id, String title, String section, String text) {
        Passage p = new Passage(id, id.substring(0, id.indexOf('#')), title, section, List.of(),
                List.of(new Unit(text, Unit.Kind.SENTENCE, 0)));
        return new RetrievedPassage(p, 0.7, 0.7, List.of(0.7));
    }
}
