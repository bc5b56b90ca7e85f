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
 * nor begin with "they" or "this", nor keep a verb whose subject, the source, moved to its end
 * (knowledge/FORMAT.md: every sentence stands on its own).
 */
class ShippedUnitsTest {

    /** "They earn …", "This is why …": words that point at a sentence the answer may not quote. */
    private static final Pattern POINTS_BACK = Pattern.compile("^(they|this|these|it|that|those|its|their)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * "Companies look for … certified, and suggests online training (the blog)": the source's second verb left
     * without its subject when the source moves to the end.
     */
    private static final Pattern SECOND_VERB = Pattern.compile(", and (suggests|recommends|advises|adds|notes|lists|"
            + "names|calls|warns|argues|points|says|expects|describes|gives|counts|cites|places|ranks|rates|treats|"
            + "urges|stresses|mentions)\\b");

    /** "No: AI engineers …", "Yes, …"; not "No official AWS page … was found", a statement. */
    private static final Pattern BARE_ANSWER = Pattern.compile("^(yes|no)\\s*[:,.!]", Pattern.CASE_INSENSITIVE);

    @Test
    void every_quoted_sentence_stands_on_its_own() {
        KnowledgeBase knowledge = new KnowledgeLoader(Path.of("knowledge"), text -> text.split("\\s+").length).load();
        Attribution attribution = new Attribution(knowledge.sourceNames());
        List<String> bare = new ArrayList<>();
        int units = 0;
        for (Passage passage : knowledge.passages()) {
            for (Unit unit : passage.units()) {
                units++;
                String quoted = attribution.compact(unit.text());
                boolean moved = !quoted.equals(unit.text());
                if (BARE_ANSWER.matcher(quoted).lookingAt() || POINTS_BACK.matcher(quoted).lookingAt()
                        || moved && SECOND_VERB.matcher(quoted).find()) {
                    bare.add(passage.file() + " #" + passage.section() + ": " + quoted);
                }
            }
        }
        assertTrue(units > 500, units + " sentences read");
        assertEquals(List.of(), bare);
    }
}
