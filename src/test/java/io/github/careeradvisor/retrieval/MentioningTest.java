package io.github.careeradvisor.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passages naming an exact code (an exam code), with the real model and a knowledge folder of its own. */
class MentioningTest {

    @TempDir
    Path tmp;

    @Test
    void a_passage_that_answers_with_the_code_comes_before_one_that_names_it_in_passing() throws IOException {
        Path knowledge = Files.createDirectories(tmp.resolve("knowledge"));
        // The first section is about pass marks as a whole and names the code only as a successor; the second is
        // about something else, but its sentence naming the code is the answer.
        Files.writeString(knowledge.resolve("exams.md"), """
                ---
                title: Exams
                topics: [certifications]
                sources: [Prep sites]
                ---
                ## Exam pass marks and scoring
                Exam pass marks are scaled scores between 100 and 1,000. A pass mark is set per exam and
                published on its page. Prep sites name ABC-C01 as one successor of the retired XYZ-S01 exam.
                ## Planning your study weeks
                Plan a few weeks of study and book the exam for the end. The ABC-C01 exam has 65 questions
                and a pass mark of 720 out of 1,000.
                """);
        KnowledgeBase kb = new KnowledgeLoader(knowledge, t -> t.split("\\s+").length).load();
        HybridRetriever retriever = new IndexBuilder(TestAdvisors.embedder(), tmp.resolve("data"), w -> { })
                .build(kb).retriever();

        Retrieval found = retriever.retrieveMentioning(retriever.prepare("what is the ABC-C01 pass mark"), "ABC-C01");

        assertEquals(2, found.passages().size());
        assertEquals("Planning your study weeks", found.passages().get(0).passage().section());
    }
}
