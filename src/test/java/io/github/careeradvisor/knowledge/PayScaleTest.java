package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pay ranges read from the salary guide's level sections, source by source, and nothing else. */
class PayScaleTest {

    @TempDir
    Path dir;

    private PayScale write(String body) throws IOException {
        Files.writeString(dir.resolve(PayScale.FILE), """
                ---
                title: Pay
                topics: [pay]
                sources:
                  - name: Simplilearn
                    year: null
                  - name: the ML Engineer Jobs guide
                    year: null
                ---
                """ + body, StandardCharsets.UTF_8);
        return PayScale.load(dir);
    }

    @Test
    void every_level_section_gives_each_sources_range_as_the_guide_states_it() throws IOException {
        PayScale scale = write("""
                ## Entry-level (junior) ML engineer salary

                - Simplilearn: entry-level ML engineers earn $70,000 to $120,000 a year.
                - The ML Engineer Jobs guide: entry-level ML engineers typically earn $80,000 to $110,000 a year.
                - Simplilearn and the ML Engineer Jobs guide give different junior ranges.

                ## Senior (experienced) ML engineer salary

                - Simplilearn: senior ML engineers can command more than $200,000 a year.
                - The ML Engineer Jobs guide: experienced ML engineers can earn from $150,000 to $200,000 or more a year.

                ## What is the median ML engineer salary?

                - Simplilearn: the median is $125,000 to $130,000 a year.
                """);

        assertEquals(List.of("Entry-level (junior)", "Senior (experienced)"),
                scale.bands().stream().map(PayScale.Band::title).toList());
        assertEquals(List.of(new PayScale.Range("Simplilearn", 70_000, 120_000L, false),
                new PayScale.Range("the ML Engineer Jobs guide", 80_000, 110_000L, false)), scale.bands().get(0).ranges());
        assertEquals(List.of("more than $200,000", "$150,000–$200,000 or more"),
                scale.bands().get(1).ranges().stream().map(PayScale.Range::label).toList());
        assertEquals("Senior (experienced)", scale.band("senior").orElseThrow().title());
    }

    @Test
    void a_figure_from_a_source_the_guide_does_not_name_is_left_out() throws IOException {
        PayScale scale = write("""
                ## Mid-level ML engineer salary

                - Glassdoor: mid-level ML engineers earn $90,000 to $140,000 a year.
                - Simplilearn: mid-level ML engineers earn $100,000 to $160,000 a year.
                """);

        assertEquals(List.of("Simplilearn"), scale.sources());
    }

    @Test
    void a_folder_without_the_salary_guide_has_no_ranges() {
        assertTrue(PayScale.load(dir).bands().isEmpty());
    }

    @Test
    void the_shipped_guide_gives_two_sources_for_three_levels() {
        PayScale scale = PayScale.load(Path.of("knowledge"));

        assertEquals(3, scale.bands().size());
        assertEquals(List.of("Simplilearn", "the ML Engineer Jobs guide"), scale.sources());
        assertEquals(Path.of("knowledge", "salaries.md").toString(), scale.file());
    }

    @Test
    void a_broken_salary_guide_is_named_with_its_line() throws IOException {
        Files.writeString(dir.resolve(PayScale.FILE), "no front matter", StandardCharsets.UTF_8);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayScale.load(dir));

        assertTrue(e.getMessage().startsWith("reading pay ranges: " + dir.resolve(PayScale.FILE) + ":1: "),
                e.getMessage());
    }
}
