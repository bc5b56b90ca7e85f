package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UpdatesTest {

    @Test
    void a_command_is_split_from_the_bot_it_names_in_lower_case() {
        assertEquals(new Updates.Command("/help", "careeradvisorbot"), Updates.Command.of("  /Help@CareerAdvisorBot now"));
        assertEquals(new Updates.Command("/profile", ""), Updates.Command.of("/profile"));
        assertEquals(new Updates.Command("how", ""), Updates.Command.of("How much?"));
        assertEquals(new Updates.Command("/start", ""), Updates.Command.of("/start@"));
    }
}
