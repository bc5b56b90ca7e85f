package io.github.careeradvisor.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import io.github.careeradvisor.knowledge.Passage;
import io.github.careeradvisor.knowledge.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every sentence of the shipped guides as an answer quotes it (its source moved to the end): quoted
 * under any question, it must not read as a yes or a no, which only its own section's question gave it,
 * nor begin with "they" or "this" (knowledge/FORMAT.md: every sentence stands on its own).
 */
class ShippedUnitsTest {

    /** "They earn …", "This is why …": words that point at a sentence the answer may not quote. */
    private static final Pattern POINTS_BACK = Pattern.compile("^(they|this|these|it|that|those|its|their)\\b",
            Pattern.CASE_INSENSITIVE);

    /** "No: AI engineers …", "Yes, …"; not "No official AWS page … was found", a statement. */
    private static final Pattern BARE_ANSWER = Pattern.compile("^(yes|no)\\s*[:,.!]", Pattern.CASE_INSENSITIVE);

    @Test
    void no_quoted_sentence_opens_with_a_bare_yes_or_no_or_points_back() {
        KnowledgeBase knowledge = new KnowledgeLoader(Path.of("knowledge"), text -> text.split("\\s+").length).load();
        Attribution attribution = new Attribution(knowledge.sourceNames());
        List<String> bare = new ArrayList<>();
        int units = 0;
        for (Passage passage : knowledge.passages()) {
            for (Unit unit : passage.units()) {
                units++;
                String quoted = attribution.compact(unit.text());
                if (BARE_ANSWER.matcher(quoted).lookingAt() || POINTS_BACK.matcher(quoted).lookingAt()) {
                    bare.add(passage.file() + " #" + passage.section() + ": " + quoted);
                }
            }
        }
        assertTrue(units > 500, units + " sentences read");
        assertEquals(List.of(), bare);
    }
}
