package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stand-in refuses every HTML Telegram refuses, so a test that passes against it passes against Telegram. */
class FakeBotApiTest {

    @Test
    void html_telegram_refuses_is_refused() {
        for (String html : List.of("<b>x", "</b>", "<b>x</i>", "<b><i>x</b></i>", "<script>x</script>", "< b>x</ b>",
                "<span>x</span>", "<span class=\"x\">x</span>", "<tg-emoji>x</tg-emoji>", "<br>", "<b>x</>",
                "a & b", "&amp", "&#x;", "&#;", "&nbsp;", "&#0;", "&#x110000;", "&#55357;", "a > b", "a <")) {
            assertNotNull(FakeBotApi.htmlProblem(html), html);
        }
    }

    @Test
    void html_telegram_takes_is_taken() {
        for (String html : List.of("<b>bold</b> &amp; <i>it</i> &lt;x&gt; &quot;q&quot; &#65; &#x1F600;",
                "<span class=\"tg-spoiler\">s</span>", "<a href=\"https://example.com\">x</a>", "<B>x</b>",
                "<b>a <i>b</i></b>", "<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>", "plain text")) {
            assertNull(FakeBotApi.htmlProblem(html), html);
        }
    }

    @Test
    void a_text_telegram_cleans_to_nothing_or_that_is_not_utf_8_or_too_long_is_refused() {
        assertEquals("message text is empty", FakeBotApi.textProblem("\u0000\u0001 \n"));
        assertEquals("message text is empty", FakeBotApi.textProblem("\u200B\u200F\u202E\uFEFF"));
        assertEquals("strings must be encoded in UTF-8", FakeBotApi.textProblem("half an emoji \uD83D"));
        assertEquals("message is too long", FakeBotApi.textProblem("x".repeat(4097)));
        assertNull(FakeBotApi.textProblem("💰".repeat(2048)));
    }
}
