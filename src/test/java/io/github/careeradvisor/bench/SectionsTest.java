package io.github.careeradvisor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The soak and the benchmark each rewrite their own part of BENCHMARKS.md and keep the other's. */
class SectionsTest {

    private static final String DOC = "# Benchmarks\n\n## Targets\n\nfast\n\n## Soak: a run\n\nold curve\n\n## Last\n\nend\n";

    @Test
    void a_section_is_found_up_to_the_next_heading() {
        assertEquals("## Soak: a run\n\nold curve", Sections.find(DOC, "## Soak"));
        assertEquals("## Last\n\nend", Sections.find(DOC, "## Last"));
        assertEquals("", Sections.find(DOC, "## Missing"));
    }

    @Test
    void replacing_a_section_keeps_the_others_and_a_new_one_goes_at_the_end() {
        assertEquals("# Benchmarks\n\n## Targets\n\nfast\n\n## Soak: a run\n\nnew curve\n\n## Last\n\nend\n",
                Sections.replace(DOC, "## Soak", "## Soak: a run\n\nnew curve\n"));
        assertEquals("# Benchmarks\n\n## Targets\n\nfast\n\n## Soak\n\ncurve\n",
                Sections.replace("# Benchmarks\n\n## Targets\n\nfast\n", "## Soak", "## Soak\n\ncurve"));
        assertEquals("## Soak\n\ncurve\n", Sections.replace("", "## Soak", "## Soak\n\ncurve"));
    }
}
