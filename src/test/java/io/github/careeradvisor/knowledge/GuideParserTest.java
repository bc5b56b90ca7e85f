package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuideParserTest {

    private final GuideParser parser = new GuideParser();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reads_front_matter_and_body() throws GuideException {
        Guide guide = parser.parse("knowledge/pay.md", utf8("""
                ---
                title: Pay
                topics: [salary, pay]
                sources:
                  - name: Simplilearn
                    year: null
                  - name: the Step-by-Step Guide
                    year: 2023
                    article: "How to Become a Machine Learning Engineer"
                as_of: 2026-11-21
                ---
                ## Entry level
                Juniors earn a lot.
                """));

        assertEquals("Pay", guide.title());
        assertEquals(List.of("salary", "pay"), guide.topics());
        assertEquals("Simplilearn", guide.sources().get(0).label());
        assertNull(guide.sources().get(0).year());
        assertEquals("the Step-by-Step Guide (2023)", guide.sources().get(1).label());
        assertEquals("2026-11-21", guide.asOf());
        assertEquals(12, guide.bodyStartLine());
        assertTrue(guide.body().startsWith("## Entry level"));
    }

    @Test
    void a_guide_without_front_matter_is_rejected_at_line_1() {
        GuideException e = assertThrows(GuideException.class,
                () -> parser.parse("knowledge/x.md", utf8("# Title\ntext\n")));

        assertEquals("knowledge/x.md:1: a guide must start with a front matter block: a '---' line, "
                + "then title, topics and sources, then '---' (see knowledge/FORMAT.md)", e.getMessage());
    }

    @Test
    void an_unclosed_front_matter_block_is_named() {
        GuideException e = assertThrows(GuideException.class,
                () -> parser.parse("knowledge/x.md", utf8("---\ntitle: X\n")));

        assertEquals("knowledge/x.md:1: the front matter block opened on line 1 is never closed with '---'",
                e.getMessage());
    }

    @Test
    void malformed_yaml_names_the_file_line() {
        GuideException e = assertThrows(GuideException.class, () -> parser.parse("knowledge/x.md", utf8("""
                ---
                title: X
                topics: [a, b
                sources: [y]
                ---
                body
                """)));

        assertTrue(e.getMessage().startsWith("knowledge/x.md:"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed front matter"), e.getMessage());
        assertTrue(e.line() >= 3 && e.line() <= 5, "line " + e.line());
    }

    @Test
    void a_missing_title_is_named() {
        GuideException e = assertThrows(GuideException.class, () -> parser.parse("knowledge/x.md",
                utf8("---\ntopics: [a]\nsources: [S]\n---\nbody\n")));

        assertEquals("knowledge/x.md:2: the front matter has no 'title:'", e.getMessage());
    }

    @Test
    void invalid_utf8_names_the_line_of_the_bad_byte() {
        byte[] good = utf8("---\ntitle: X\ntopics: [a]\nsources: [S]\n---\nline six\nline ");
        byte[] bytes = new byte[good.length + 3];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xC3; // a lead byte followed by ASCII: not UTF-8
        bytes[good.length + 1] = 'x';
        bytes[good.length + 2] = '\n';

        GuideException e = assertThrows(GuideException.class, () -> parser.parse("knowledge/x.md", bytes));

        assertEquals(7, e.line());
        assertTrue(e.getMessage().startsWith("knowledge/x.md:7: not valid UTF-8 (byte 0xC3"), e.getMessage());
    }
}
