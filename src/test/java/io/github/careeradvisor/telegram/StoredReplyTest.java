package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal's JSON of a reply: the bot's own shape, and the shape releases before it wrote. */
class StoredReplyTest {

    /**
     * Written by the release before {@link Buttons} (its Reply held telegrambots' InlineKeyboardMarkup,
     * serialized by Jackson), captured from that code as it ran: keep it byte for byte.
     */
    static final String OLD_REPLY_WITH_KEYBOARD = "{\"parts\":[\"<b>Entry-level</b> pay\",\"part two\"],"
            + "\"keyboard\":{\"inline_keyboard\":[[{\"text\":\"Salaries\",\"callback_data\":\"t:salary\"},"
            + "{\"text\":\"Skills\",\"callback_data\":\"t:skills\"}],[{\"text\":\"Junior\",\"callback_data\":"
            + "\"c:/level junior\"}]]},\"replyTo\":17,\"grounded\":true}";
    /** A notice as the same release wrote it. */
    static final String OLD_NOTICE = "{\"parts\":[\"Sorry &amp; &lt;b&gt;\"],\"keyboard\":null,\"replyTo\":null,"
            + "\"grounded\":null}";

    private static final Buttons BUTTONS = new Buttons(List.of(
            List.of(new Buttons.Button("Salaries", "t:salary"), new Buttons.Button("Skills", "t:skills")),
            List.of(new Buttons.Button("Junior", "c:/level junior"))));

    @Test
    void a_reply_journaled_with_telegrambots_keyboard_reads_as_the_same_buttons() throws Exception {
        assertEquals(new Reply(List.of("<b>Entry-level</b> pay", "part two"), BUTTONS, 17, true),
                StoredReply.read(OLD_REPLY_WITH_KEYBOARD));
    }

    @Test
    void a_notice_journaled_by_the_old_release_reads_without_buttons() throws Exception {
        assertEquals(Reply.notice("Sorry & <b>", null), StoredReply.read(OLD_NOTICE));
    }

    @Test
    void a_reply_is_written_in_the_bots_own_shape_and_read_back_whole() throws Exception {
        Reply reply = new Reply(List.of("<b>Entry-level</b> pay", "part two"), BUTTONS, 17, true);

        String json = StoredReply.write(reply);

        assertEquals("{\"parts\":[\"<b>Entry-level</b> pay\",\"part two\"],\"buttons\":{\"rows\":[[{\"label\":"
                + "\"Salaries\",\"callbackData\":\"t:salary\"},{\"label\":\"Skills\",\"callbackData\":\"t:skills\"}],"
                + "[{\"label\":\"Junior\",\"callbackData\":\"c:/level junior\"}]]},\"replyTo\":17,\"grounded\":true,"
                + "\"replaces\":null}", json);
        assertEquals(reply, StoredReply.read(json));
    }

    @Test
    void the_draft_an_answer_replaces_is_journaled_with_it() throws Exception {
        Reply reply = new Reply(List.of("final words"), BUTTONS, null, true, 1042);

        assertEquals(reply, StoredReply.read(StoredReply.write(reply)));
        assertEquals(1042, StoredReply.read(StoredReply.write(reply)).replaces());
    }

    @Test
    void a_replys_chart_is_journaled_with_it_so_a_restart_sends_the_same_picture() throws Exception {
        io.github.careeradvisor.knowledge.PayScale scale = io.github.careeradvisor.knowledge.PayScale.load(
                java.nio.file.Path.of("knowledge"));
        io.github.careeradvisor.chart.Chart pay = new io.github.careeradvisor.chart.PayChart(scale.file(),
                scale.bands(), scale.bands().get(1).title(), "Mid-level pay");
        io.github.careeradvisor.chart.Chart progress = new io.github.careeradvisor.chart.ProgressChart(List.of(
                new io.github.careeradvisor.chart.ProgressChart.Topic("Statistics", 2,
                        io.github.careeradvisor.chart.ProgressChart.State.SKIPPED)), null, "Done");

        for (io.github.careeradvisor.chart.Chart chart : List.of(pay, progress)) {
            Reply reply = new Reply(List.of("text"), BUTTONS, 17, true, null, chart);
            assertEquals(reply, StoredReply.read(StoredReply.write(reply)));
        }
    }

    @Test
    void a_reply_journaled_before_charts_reads_without_one() throws Exception {
        String before = "{\"parts\":[\"final words\"],\"buttons\":null,\"replyTo\":null,\"grounded\":true,"
                + "\"replaces\":1042}";

        assertEquals(new Reply(List.of("final words"), null, null, true, 1042), StoredReply.read(before));
        assertEquals(null, StoredReply.read(before).chart());
    }
}
