package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.answer.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    @Test
    void escapes_every_text_and_puts_sources_in_italics() {
        Answer answer = new Answer(List.of(new Answer.Paragraph("Pay <b>&</b> perks"),
                new Answer.Bullets(List.of("A > B", "C"))),
                List.of(new Answer.Citation("Pay & more", "Entry <level>", "knowledge/pay.md", 0.8)), true);

        List<String> parts = TelegramHtml.render(answer);

        assertEquals(List.of("Pay &lt;b&gt;&amp;&lt;/b&gt; perks\n\n• A &gt; B\n• C\n\n"
                + "<i>Source: Pay &amp; more — Entry &lt;level&gt;</i>"), parts);
        assertNull(FakeBotApi.htmlProblem(parts.get(0)));
    }

    @Test
    void a_long_reply_is_split_between_paragraphs_into_valid_parts() {
        String paragraph = "Word & word. ".repeat(150).strip();
        Answer answer = Answer.message(paragraph, paragraph, paragraph, paragraph, paragraph);

        List<String> parts = TelegramHtml.render(answer);

        assertTrue(parts.size() >= 2, "parts: " + parts.size());
        for (String part : parts) {
            assertTrue(part.length() <= TelegramHtml.MAX_MESSAGE, "" + part.length());
            assertNull(FakeBotApi.htmlProblem(part));
        }
        assertEquals(5 * 150, String.join(" ", parts).split("Word").length - 1);
    }

    @Test
    void one_paragraph_longer_than_a_message_is_cut_between_words_never_inside_an_entity() {
        List<String> parts = TelegramHtml.pack(List.of(TelegramHtml.escape("a&b ".repeat(2000))));

        assertTrue(parts.size() >= 2);
        parts.forEach(p -> assertNull(FakeBotApi.htmlProblem(p), p.substring(0, 20)));
    }

    @Test
    void the_token_is_taken_out_of_log_text() {
        String token = "123456789:AAHsecretsecretsecret";

        assertEquals("POST https://api.telegram.org/bot<token>/getUpdates failed; <token>",
                Redact.token("POST https://api.telegram.org/bot" + token + "/getUpdates failed; AAHsecretsecretsecret", token));
    }
}
