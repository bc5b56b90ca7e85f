package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.knowledge.Certification;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Entity extraction over the shipped catalog and word lists: exact, never by likeness. */
class EntitiesTest {

    private final CertificationCatalog catalog = CertificationCatalog.load(Path.of("knowledge"));
    private final Entities entities = new Entities(catalog);

    @Test
    void every_exam_code_name_and_alias_in_the_catalog_finds_its_own_certification() {
        int checked = 0;
        for (Certification c : catalog.certifications()) {
            java.util.List<String> names = new java.util.ArrayList<>(c.aliases());
            names.add(c.name());
            if (c.examCode() != null) {
                names.add(c.examCode());
                names.add(c.examCode().toLowerCase(java.util.Locale.ROOT));
            }
            for (String name : names) {
                String found = entities.find("tell me about " + name + " please").slots().cert();
                assertEquals(c.id(), found, "'" + name + "'");
                checked++;
            }
        }
        assertTrue(checked >= 100, "only " + checked + " names checked");
    }

    @Test
    void a_code_that_looks_like_another_is_never_read_as_it() {
        Slots aip = entities.find("what is AIP-C01?").slots();

        assertNull(aip.cert(), "AIP-C01 is not AIF-C01");
        assertEquals("AIP-C01", aip.code());
        assertEquals("aws-aif-c01", entities.find("what is AIF-C01?").slots().cert());
        assertNull(entities.find("is there a salary cap for seniors?").slots().cert(), "'cap' is not INFORMS CAP");
        assertNull(entities.find("top 10 skills in 2024").slots().code(), "numbers are not exam codes");
        assertNull(entities.find("can I become an ML engineer in 100 days?").slots().code(), "'in 100' is not IN-100");
        assertEquals("AIP-C01", entities.find("is aip-c01 hard?").slots().code());
        assertNull(entities.find("I'm 25 years old").slots().years(), "an age is not experience");
    }

    @Test
    void levels_years_clouds_places_and_occupations_are_found_in_plain_words() {
        Entities.Found found = entities.find("I'm a senior data engineer, 8 years, mostly Google Cloud");

        assertEquals(Level.SENIOR, found.slots().level());
        assertEquals(8, found.slots().years());
        assertEquals(Cloud.GCP, found.slots().cloud());
        assertEquals("data engineer", found.slots().occupation());
        assertTrue(found.slots().otherOccupation(), "the guides do not cover data engineers");
        assertEquals("Europe", entities.find("and in europe?").slots().region());
        assertEquals("India", entities.find("ML engineer pay in Bengaluru").slots().region());
        assertEquals("web developer", entities.find("how much does a web dev earn").slots().occupation());
        assertEquals(Set.of(Level.SENIOR, Level.STUDENT), entities.find("I'm a senior, or a student really").levels());
        // A senior in college is a student in their final year, not a senior engineer.
        assertEquals(Set.of(Level.STUDENT), entities.find("I'm a senior student").levels());
        assertEquals(Level.STUDENT, entities.find("final-year student here").slots().level());
    }

    @Test
    void the_aspect_asked_about_a_certification_is_found_and_validity_wins_over_how_long() {
        assertEquals("cost", entities.find("how much does it cost?").slots().aspect());
        assertEquals("validity", entities.find("how long is it valid?").slots().aspect());
        assertEquals("duration", entities.find("how long is the exam?").slots().aspect());
        assertEquals("status", entities.find("is it still available?").slots().aspect());
        assertEquals("successor", entities.find("what replaced it?").slots().aspect());
        assertEquals(Entities.SEVERAL, entities.find("how many questions, how long, how much").slots().aspect());
    }

    @Test
    void words_that_only_keep_a_conversation_going_are_left_out() {
        assertEquals("what about the seniors?", entities.withoutFillers("OK, hmm, what about the seniors tho?"));
        assertEquals("and in Europe?", entities.withoutFillers("thanks! and in Europe please?"));
        assertEquals("which cert fits me", entities.withoutFillers("cool, which cert fits me"));
        assertEquals("thanks", entities.withoutFillers("thanks"), "a message of nothing else stays as it is");
        assertEquals("okayish pay?", entities.withoutFillers("okayish pay?"), "only whole words");
    }

    @Test
    void follow_up_phrases_are_read_whole_or_after_a_connector() {
        assertTrue(entities.isWhole("more", "Tell me more!"));
        assertTrue(entities.isWhole("first", "ok which should i do first"));
        assertTrue(entities.isWhole("why", "why?"));
        assertTrue(entities.isWhole("reset", "start over"));
        assertEquals("seniors", entities.afterConnector("and seniors?"));
        assertEquals("azure", entities.afterConnector("What about Azure?"));
        assertNull(entities.afterConnector("how much does a junior earn?"));
    }

    @Test
    void words_that_widen_pay_to_every_level_are_read_as_whole_phrases() {
        assertTrue(entities.widensToAnyLevel("and overall?"));
        assertTrue(entities.widensToAnyLevel("what about across all levels?"));
        assertTrue(entities.widensToAnyLevel("Regardless of the level, what's the median?"));
        assertFalse(entities.widensToAnyLevel("and for seniors?"));
        assertFalse(entities.widensToAnyLevel("are there jobs in generalist roles?"), "only whole words");
        assertFalse(entities.widensToAnyLevel("do they wear overalls"), "only whole words");
    }

    @Test
    void another_role_replaces_the_one_compared_or_else_the_ml_engineer_asked_about() {
        assertEquals("ml engineer vs AI engineers", entities.replaceOccupation("ml engineer vs data scientist", "AI engineers"));
        assertEquals("is there demand for data scientists?",
                entities.replaceOccupation("is there demand for ML engineers?", "data scientists"));
        assertNull(entities.replaceOccupation("how long does it take to learn python?", "data scientists"));
        assertEquals("demand ml engineers", Entities.gist("is there demand for ml engineers"), "ML is the subject");
    }
}
