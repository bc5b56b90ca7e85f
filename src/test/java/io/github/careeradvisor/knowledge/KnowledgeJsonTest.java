package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.careeradvisor.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken roadmap or certification file is named with the line, the field and what is wrong with it. */
class KnowledgeJsonTest {

    @TempDir
    Path tmp;

    /** The message, after the file's path (which every message starts with). */
    private String roadmapProblem(String json) throws IOException {
        Path file = tmp.resolve(Roadmap.FILE);
        Files.writeString(file, json);
        String message = assertThrows(ConfigException.class, () -> Roadmap.load(tmp)).getMessage();
        assertEquals(file.toString(), message.substring(0, file.toString().length()), message);
        return message.substring(file.toString().length());
    }

    /** The shipped catalog with one edit, so every other field is as a real file has it. */
    private String certificationProblem(String regex, String replacement) throws IOException {
        String shipped = Files.readString(Path.of("knowledge", CertificationCatalog.FILE));
        String broken = shipped.replaceFirst(regex, replacement);
        assertEquals(false, broken.equals(shipped), "the edit " + regex + " changed nothing");
        Files.writeString(tmp.resolve(CertificationCatalog.FILE), broken);
        return assertThrows(ConfigException.class, () -> CertificationCatalog.load(tmp)).getMessage();
    }

    @Test
    void an_empty_file_is_named_as_empty() throws IOException {
        assertEquals(": the file is empty", roadmapProblem(""));
    }

    @Test
    void a_file_cut_off_midway_names_the_line_and_column_without_jacksons_source_note() throws IOException {
        assertEquals(":2:12: not valid JSON: Unexpected end-of-input: "
                + "expected close marker for Object", roadmapProblem("{\"title\": \"t\", \"note\": \"n\", \"topics\": [\n {\"id\": \"a\""));
    }

    @Test
    void text_after_the_object_is_refused() throws IOException {
        assertEquals(":2:1: not valid JSON: Unexpected close marker '}': no open Object "
                + "to close", roadmapProblem("{\"title\": \"t\", \"note\": \"n\", \"topics\": []}\n}"));
    }

    @Test
    void a_missing_field_is_named_by_its_path() throws IOException {
        assertEquals(": 'topics[0].why' is missing", roadmapProblem("""
                {"title": "t", "note": "n", "topics": [
                  {"id": "a", "title": "A", "prerequisites": [], "question": "q", "sections": []}]}
                """));
    }

    @Test
    void a_list_given_as_text_names_the_field_and_what_it_must_be() throws IOException {
        assertEquals(":1: topics: must be a list [...]",
                roadmapProblem("{\"title\": \"t\", \"note\": \"n\", \"topics\": \"x\"}"));
    }

    @Test
    void an_unknown_field_is_named_with_the_fields_that_belong_there() throws IOException {
        assertEquals(":1: level: not a field this file has (the fields here are "
                + "note, overview, title, topics)", roadmapProblem("{\"title\": \"t\", \"note\": \"n\", \"topics\": [], \"level\": 1}"));
    }

    @Test
    void a_misspelt_field_is_named_beside_the_one_missing() throws IOException {
        assertEquals(": 'topics' is missing ('topic' is not a field here; the fields "
                + "here are note, overview, title, topics)", roadmapProblem("{\"title\": \"t\", \"note\": \"n\", \"topic\": []}"));
    }

    @Test
    void a_certification_without_its_name_is_refused_naming_the_record() throws IOException {
        assertEquals(tmp.resolve("certifications.json") + ": 'certifications[0].name' is missing",
                certificationProblem("\"name\": \"[^\"]*\",", ""));
    }

    @Test
    void a_number_written_as_a_word_names_the_field_and_the_value() throws IOException {
        String problem = certificationProblem("\"minExperienceYears\": \\d+", "\"minExperienceYears\": \"two\"");

        assertEquals("certifications[0].minExperienceYears: must be a whole number, not 'two'",
                problem.substring(problem.indexOf(": ") + 2));
    }

    @Test
    void a_date_that_is_no_date_names_the_field_and_the_value() throws IOException {
        String problem = certificationProblem("\"asOf\": \"2026-11-21\"", "\"asOf\": \"last week\"");

        assertEquals("asOf: must be a date such as \"2026-11-21\", not 'last week'",
                problem.substring(problem.indexOf(": ") + 2));
    }
}
