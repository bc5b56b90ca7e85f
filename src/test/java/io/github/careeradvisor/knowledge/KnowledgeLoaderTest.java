package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeLoaderTest {

    private static final String GOOD = "---\ntitle: Good\ntopics: [a]\nsources: [S]\n---\n## Part\nSome text here.\n";

    private static KnowledgeBase load(Path dir) {
        return new KnowledgeLoader(dir, text -> text.split("\\s+").length).load();
    }

    @Test
    void a_missing_folder_names_the_path_and_the_setting(@TempDir Path tmp) {
        Path missing = tmp.resolve("docs/kb");
        ConfigException e = assertThrows(ConfigException.class, () -> load(missing));

        assertEquals("knowledge dir '" + missing + "' does not exist (set ADVISOR_KNOWLEDGE_DIR)", e.getMessage());
    }

    @Test
    void an_empty_folder_names_the_path_and_the_setting(@TempDir Path tmp) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(tmp));

        assertEquals("knowledge dir '" + tmp + "' has no readable guide (no *.md files) (set ADVISOR_KNOWLEDGE_DIR)",
                e.getMessage());
    }

    @Test
    void a_broken_guide_is_left_out_and_reported_while_the_others_load(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("good.md"), GOOD);
        Files.writeString(tmp.resolve("bad.md"), "---\ntitle: [unclosed\n---\nbody\n");
        Files.writeString(tmp.resolve("README.md"), "# How to write guides\n");

        KnowledgeBase kb = load(tmp);

        assertEquals(1, kb.guides().size());
        assertEquals(1, kb.problems().size());
        assertTrue(kb.problems().get(0).startsWith(tmp.resolve("bad.md") + ":"), kb.problems().get(0));
        assertEquals(tmp.resolve("good.md").toString(), kb.passages().get(0).file());
    }

    @Test
    void a_binary_an_empty_and_a_text_less_guide_are_left_out_by_name_while_a_good_one_loads(@TempDir Path tmp)
            throws IOException {
        Files.writeString(tmp.resolve("good.md"), GOOD);
        Files.write(tmp.resolve("logo.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
        Files.writeString(tmp.resolve("empty.md"), "");
        Files.writeString(tmp.resolve("title-only.md"), "---\ntitle: T\ntopics: [a]\nsources: [S]\n---\n\n");

        KnowledgeBase kb = load(tmp);

        assertEquals(List.of("Good"), kb.guides().stream().map(Guide::title).toList());
        assertEquals(List.of(
                tmp.resolve("empty.md") + ":1: the file is empty; a guide must start with a front matter block: "
                        + "a '---' line, then title, topics and sources, then '---' (see knowledge/FORMAT.md)",
                tmp.resolve("logo.md") + ":3: a binary file (a NUL byte at offset 8), not a Markdown guide; "
                        + "a guide is UTF-8 text (see knowledge/FORMAT.md)",
                tmp.resolve("title-only.md") + ":6: no text after the front matter; a guide needs at least one "
                        + "section (see knowledge/FORMAT.md)"),
                kb.problems());
    }

    @Test
    void a_guide_larger_than_the_limit_is_left_out_naming_its_size_and_the_limit(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("good.md"), GOOD);
        StringBuilder huge = new StringBuilder("---\ntitle: Huge\ntopics: [a]\nsources: [S]\n---\n## Part\n");
        while (huge.length() < 5_000_000) {
            huge.append("Machine learning engineers build and ship models that serve predictions.\n\n");
        }
        Files.writeString(tmp.resolve("huge.md"), huge);

        KnowledgeBase kb = load(tmp);

        assertEquals(List.of("Good"), kb.guides().stream().map(Guide::title).toList());
        assertEquals(List.of(tmp.resolve("huge.md") + ":1: 5.0 MB, more than the 256 KB a knowledge file may hold; "
                + "split it into smaller guides"), kb.problems());
    }

    @Test
    void a_guide_at_the_limit_still_loads(@TempDir Path tmp) throws IOException {
        StringBuilder big = new StringBuilder("---\ntitle: Big\ntopics: [a]\nsources: [S]\n---\n## Part\n");
        String paragraph = "Machine learning engineers build and ship models that serve predictions.\n\n";
        while (big.length() + paragraph.length() <= KnowledgeLoader.MAX_FILE_BYTES) {
            big.append(paragraph);
        }
        Files.writeString(tmp.resolve("big.md"), big);

        KnowledgeBase kb = load(tmp);

        assertEquals(List.of(), kb.problems());
        assertEquals(1, kb.guides().size());
    }

    @Test
    void every_shipped_guide_loads_without_a_problem() {
        KnowledgeBase kb = load(Path.of("knowledge"));

        assertEquals(List.of(), kb.problems());
        assertTrue(kb.guides().size() >= 11, "guides: " + kb.guides().size());
        kb.guides().forEach(g -> assertFalse(g.sources().isEmpty(), g.file()));
        assertTrue(kb.passages().stream().allMatch(p -> p.file().startsWith("knowledge/")));
    }

    @Test
    void the_shipped_certifications_say_which_can_still_be_booked() {
        CertificationCatalog catalog = CertificationCatalog.load(Path.of("knowledge"));
        LocalDate today = catalog.asOf();

        Certification awsSpecialty = catalog.byId("aws-mls-c01").orElseThrow();
        Certification gcp = catalog.byId("gcp-pmle").orElseThrow();
        assertFalse(awsSpecialty.availableOn(today));
        assertEquals(LocalDate.of(2026, 3, 31), awsSpecialty.statusDate());
        assertTrue(awsSpecialty.availableOn(LocalDate.of(2026, 3, 1)));
        assertTrue(gcp.availableOn(today));
        assertFalse(catalog.byId("tensorflow-developer").orElseThrow().availableOn(today));
        assertFalse(catalog.availableOn(today).contains(awsSpecialty));
        for (Certification c : catalog.certifications()) {
            assertEquals(today, c.asOf(), c.id());
            if (!c.availableOn(today)) {
                assertTrue(c.statusDate() != null && c.statusDate().isBefore(today), c.id());
            }
        }
    }

    @Test
    void the_roadmap_points_at_guide_sections_that_exist() {
        Roadmap roadmap = Roadmap.load(Path.of("knowledge"));
        KnowledgeBase kb = load(Path.of("knowledge"));

        assertEquals(12, roadmap.topics().size());
        assertEquals(List.of(), roadmap.topics().get(0).prerequisites());
        for (Roadmap.Topic topic : roadmap.topics()) {
            assertFalse(topic.sections().isEmpty(), topic.id());
            for (Roadmap.Section s : topic.sections()) {
                String file = "knowledge/" + s.file();
                assertTrue(kb.passages().stream().anyMatch(p -> p.file().equals(file) && p.section().equals(s.section())),
                        topic.id() + " points at a missing section: " + s);
            }
        }
    }

    @Test
    void a_roadmap_whose_prerequisite_comes_later_is_refused(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("roadmap.json"), """
                {"title": "t", "note": "n", "topics": [
                  {"id": "b", "title": "B", "why": "w", "prerequisites": ["a"], "question": "q", "sections": []},
                  {"id": "a", "title": "A", "why": "w", "prerequisites": [], "question": "q", "sections": []}]}
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> Roadmap.load(tmp));

        assertTrue(e.getMessage().endsWith("topic 'b' needs 'a', which must be an earlier topic"), e.getMessage());
    }

    @Test
    void a_broken_certification_file_names_the_file_and_the_problem(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("certifications.json"), """
                {"asOf": "2026-11-21", "certifications": [{"id": "x", "name": "X", "provider": "P",
                 "cloud": null, "level": "associate", "examCode": null, "priceUsd": null,
                 "durationMinutes": null, "validity": "1 year", "recommendedExperience": "none",
                 "minExperienceYears": 0, "status": "gone", "statusDate": null, "successor": null,
                 "asOf": "2026-11-21", "focus": [], "source": "s", "confidence": "official"}]}
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> CertificationCatalog.load(tmp));

        assertTrue(e.getMessage().startsWith(tmp.resolve("certifications.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("status 'gone' is not one of"), e.getMessage());
    }
}
