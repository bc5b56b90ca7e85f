package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void a_command_is_split_from_the_bot_it_names_in_lower_case_and_from_its_argument() {
        assertEquals(new Command("/help", "careeradvisorbot", "now"), Command.of("  /Help@CareerAdvisorBot now"));
        assertEquals(new Command("/profile", "", ""), Command.of("/profile"));
        assertEquals(new Command("how", "", "much?"), Command.of("How much?"));
        assertEquals(new Command("/start", "", ""), Command.of("/start@"));
        assertEquals(new Command("/hours", "", "7 a week"), Command.of("/hours\t 7 a week "), "any blank ends the command");
    }
}
