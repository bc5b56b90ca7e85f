package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.careeradvisor.inbox.UpdateInbox;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

class UpdatesTest {

    @Test
    void the_warm_up_reads_its_sample_as_telegram_sends_it_and_as_the_inbox_keeps_it() {
        Update update = Updates.readOnce();

        Message message = Updates.message(update);
        assertNotNull(message, "the sample is a message");
        assertEquals("how much does a junior ML engineer earn?", message.getText());
        UpdateInbox.Received received = Updates.received(update);
        assertEquals(1, received.updateId());
        assertEquals(1, received.chatId());
        assertEquals(1, received.userId());
    }
}
