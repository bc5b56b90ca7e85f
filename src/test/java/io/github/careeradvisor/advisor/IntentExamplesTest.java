package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The router's examples are data: they load from the jar's file, and a bad file is named. */
class IntentExamplesTest {

    @Test
    void the_shipped_examples_load_with_at_least_fifteen_per_intent_and_no_repeats() {
        IntentExamples examples = IntentExamples.load();

        for (Intent intent : Intent.values()) {
            assertTrue(examples.byIntent().get(intent).size() >= IntentExamples.MIN_PER_INTENT, intent.id());
        }
        Set<String> seen = new HashSet<>();
        for (String e : examples.all()) {
            assertTrue(seen.add(e.toLowerCase(Locale.ROOT)), "twice: " + e);
        }
        assertEquals(seen.size(), examples.all().size());
    }

    @Test
    void an_unknown_intent_or_too_few_examples_is_refused_naming_it() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> IntentExamples.parse(
                JSON.std.mapFrom("{\"intents\": [{\"intent\": \"weather\", \"examples\": [\"is it raining\"]}]}")));
        assertEquals("/advisor/intents.json names the intent 'weather', which the advisor does not know",
                unknown.getMessage());

        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> IntentExamples.parse(
                JSON.std.mapFrom("{\"intents\": [{\"intent\": \"salary\", \"examples\": [\"how much do they earn\"]}]}")));
        assertEquals("/advisor/intents.json has 1 examples of intent 'salary'; it needs at least 15", few.getMessage());
    }
}
