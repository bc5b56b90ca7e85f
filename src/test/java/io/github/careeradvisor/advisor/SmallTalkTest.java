package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmallTalkTest {

    @Test
    void a_greeting_before_a_message_is_left_out_and_only_a_greeting() {
        assertEquals("I'm a nurse", SmallTalk.withoutGreeting("hi! I'm a nurse"));
        assertEquals("I'm a teacher", SmallTalk.withoutGreeting("Hello there, I'm a teacher"));
        assertEquals("what should I learn?", SmallTalk.withoutGreeting("Hey 👋 what should I learn?"));
        // A word that begins like a greeting is no greeting; a greeting alone stays what it is.
        assertEquals("history of ML", SmallTalk.withoutGreeting("history of ML"));
        assertEquals("hello", SmallTalk.withoutGreeting("hello"));
        assertEquals("hi!", SmallTalk.withoutGreeting("hi!"));
    }
}
