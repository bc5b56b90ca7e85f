package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.storage.DatabaseFile;
import org.junit.jupiter.api.Test;

/** The thread over the real advisor and its database: follow-ups, /new, /forget, odd input. */
class ConversationTest {

    private final Advisor advisor = TestAdvisors.shipped().advisor();
    private final long user = 930_001;

    private String say(long chat, String text) {
        return PlainText.body(advisor.reply(user, chat, text));
    }

    /** The reply's first line: what a person reads first. */
    private static String opening(String reply) {
        return reply.lines().findFirst().orElse("");
    }

    private long threadRows(long chat) throws Exception {
        return DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR,
                "SELECT count(*) FROM dialogue WHERE user_id = " + user + " AND chat_id = " + chat);
    }

    @Test
    void the_warm_up_keeps_no_thread_and_no_profile() throws Exception {
        advisor.warmUp();

        String warm = " WHERE user_id = " + Advisor.WARM_UP_ID;
        assertEquals(0, DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR, "SELECT count(*) FROM dialogue" + warm));
        assertEquals(0, DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR, "SELECT count(*) FROM profiles" + warm));
        assertEquals(0, DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR, "SELECT count(*) FROM topic_progress" + warm));
    }

    @Test
    void the_warm_up_runs_the_model_on_its_messages_worded_anew() {
        advisor.warmUp();
        long embedded = TestAdvisors.embedder().embedded();

        advisor.reply(user, 40, Advisor.anew(Advisor.WARM_UP.get(1), 1));
        advisor.reply(user, 40, Advisor.anew(Advisor.WARM_UP.get(1), 3));

        assertEquals(embedded, TestAdvisors.embedder().embedded(),
                "the warm-up embedded those wordings already (two passes), as a new question is embedded");
        assertEquals(Advisor.WARM_UP.get(1), Advisor.anew(Advisor.WARM_UP.get(1), 2), "the pass between takes the cache's");
        advisor.reply(user, 40, Advisor.WARM_UP.get(1) + " (asked " + System.nanoTime() + ")");
        assertTrue(TestAdvisors.embedder().embedded() > embedded, "a wording nobody used is embedded");
    }

    @Test
    void a_question_of_its_own_about_the_learning_path_is_answered_not_read_as_asking_what_comes_next() {
        advisor.reply(user, 98, "/forget");
        say(98, "what should I learn to become an ML engineer?");
        String masters = say(98, "do I need a master's for that?");
        String next = say(98, "what do I learn after that?");

        assertFalse(masters.startsWith("After those"), masters);
        assertTrue(opening(masters).contains("master's degree"), masters);
        assertTrue(next.startsWith("After those: What to learn next"), "asking onwards still goes onwards: " + next);
        advisor.reply(user, 98, "/new");
        say(98, "where do I start?");
        assertTrue(say(98, "and after those?").startsWith("After those: What to learn next"));
    }

    @Test
    void what_comes_after_a_level_in_a_pay_thread_asks_about_the_ladder_not_that_levels_pay() {
        advisor.reply(user, 99, "/forget");
        say(99, "how much would I earn as a junior?");

        String after = opening(say(99, "what comes after senior?"));

        assertFalse(after.startsWith("Senior ML engineer pay"), after);
        assertTrue(after.contains("executive"), after);
    }

    @Test
    void a_follow_up_is_read_against_the_thread_and_says_what_it_understood() {
        advisor.reply(user, 1, "/forget");
        say(1, "how much does a junior ML engineer earn?");

        String seniors = say(1, "and seniors?");

        assertTrue(seniors.startsWith("Senior ML engineer pay:"), seniors);
        assertTrue(seniors.contains("$200,000") && !seniors.contains("$70,000"), seniors);
        advisor.reply(user, 2, "/new");
        Answer other = advisor.reply(user, 2, "and seniors?");
        assertFalse(other.grounded(), "another chat has no thread: " + PlainText.body(other));
        assertTrue(PlainText.body(other).contains("?"), "a follow-up with nothing before it gets a question back");
    }

    @Test
    void an_aspect_follow_up_on_an_exam_opens_with_that_aspect_not_with_the_words_of_the_exams_name() {
        advisor.reply(user, 31, "/forget");
        say(31, "aws mle associate cert - worth it?");

        String passMark = say(31, "pass mark?");

        // Searched as the exam's long name, the opening was the sentence sharing most of its words (MLA-C01 as
        // a successor of the retired AWS Machine Learning – Specialty); searched by its code, it is the answer.
        String opening = opening(passMark);
        assertTrue(opening.contains("720"), passMark);
    }

    @Test
    void which_one_first_after_a_list_of_certifications_names_the_first_once() {
        advisor.reply(user, 34, "/forget");
        say(34, "which certification should I take for AWS?");

        String first = say(34, "which one first?");

        String opening = opening(first);
        assertTrue(opening.startsWith("Start with the first one: "), first);
        String named = opening.substring("Start with the first one: ".length()).split(",")[0];
        assertEquals(opening.indexOf(named), opening.lastIndexOf(named), "its name once: " + opening);
        String why = say(34, "why that one?");
        assertTrue(why.startsWith("The first one, and what it expects: " + named), why);
    }

    @Test
    void which_first_after_two_exams_asked_about_one_by_one_is_the_lower_level_one() {
        advisor.reply(user, 35, "/forget");
        say(35, "databricks ml associate exam details");
        say(35, "and the professional one?");

        String first = say(35, "which first?");

        String opening = opening(first);
        assertTrue(opening.startsWith("Of those, start with this one: Databricks Certified Machine Learning Associate"),
                first);
    }

    @Test
    void pay_abroad_after_a_levels_pay_says_the_guides_give_none_without_a_heading_saying_it_twice() {
        advisor.reply(user, 36, "/forget");
        say(36, "what would I earn as a mid-level ML engineer?");

        String germany = opening(say(36, "and in Germany?"));
        String france = opening(say(36, "and in France?"));

        assertTrue(germany.startsWith("ML engineer pay in Europe, the UK, Germany"), germany);
        assertEquals(germany.indexOf("ML engineer pay in"), germany.lastIndexOf("ML engineer pay in"), germany);
        assertTrue(france.startsWith("France: ML engineer pay in Europe"), france);
    }

    @Test
    void overall_after_a_levels_pay_widens_to_every_level_instead_of_keeping_the_level_or_declining() {
        advisor.reply(user, 32, "/forget");
        say(32, "junior ml engineer salary");

        String overall = say(32, "and overall?");

        assertTrue(overall.contains("$125,000"), "the median over every level: " + overall);
        assertFalse(overall.startsWith("Sorry"), overall);
        // After a pay question this asks for pay still, not for the career ladder's levels.
        advisor.reply(user, 33, "/forget");
        say(33, "what does a senior ml engineer make?");
        String allLevels = say(33, "what about across all levels?");
        assertTrue(allLevels.contains("Entry-level ML engineers") && allLevels.contains("a year"), allLevels);
    }

    @Test
    void a_question_asked_back_is_answered_by_yes_or_by_what_the_person_meant() {
        advisor.reply(user, 14, "/forget");
        assertTrue(say(14, "and for juniors?").contains("junior ML engineers earn?"));

        String yes = say(14, "yes please");

        assertTrue(yes.contains("$70,000") || yes.contains("$80,000"), "junior pay: " + yes);
        say(14, "/new");
        say(14, "what about Azure?");
        String certs = say(14, "i meant the certs");
        assertTrue(certs.contains("Azure") && certs.contains("AI-10"), certs);
        say(14, "/new");
        say(14, "and seniors?");
        assertFalse(advisor.reply(user, 14, "how many calories are in a banana").grounded(),
                "a question of its own is not read as the answer");
    }

    @Test
    void new_clears_only_the_thread_and_forget_deletes_it_with_the_profile() throws Exception {
        advisor.reply(user, 3, "/forget");
        say(3, "/level mid");
        say(3, "tell me about the AWS ML engineer associate");
        assertEquals(1, threadRows(3));

        say(3, "/new");

        assertEquals(0, threadRows(3));
        assertTrue(say(3, "/profile").contains("Level: mid-level"), "the profile stays");
        say(3, "how much does it cost?");
        say(3, "what about DP-100?");
        assertTrue(threadRows(3) >= 1);

        say(3, "/forget");

        assertEquals(0, threadRows(3));
    }

    @Test
    void a_cost_follow_up_gets_the_exam_fee_of_the_certification_talked_about() {
        advisor.reply(user, 4, "/forget");
        say(4, "tell me about the AWS ML engineer associate");

        String cost = say(4, "how much does it cost?");

        assertTrue(cost.contains("MLA-C01") && cost.contains("$150"), cost);
        assertFalse(cost.contains("AIF-C01"), cost);
    }

    @Test
    void an_exams_details_give_one_date_for_the_facts_and_say_what_its_own_date_is() {
        advisor.reply(user, 97, "/forget");
        say(97, "which certification should I take for Google Cloud?");

        String cost = say(97, "how much does it cost?");

        // Its new exam version went live on June 1; the facts were checked on November 21.
        assertTrue(cost.contains("$200") && cost.contains("in its present form since June 1, 2026")
                && cost.contains("As of November 21, 2026"), cost);
        assertFalse(cost.contains("status as of"), cost);
    }

    @Test
    void two_questions_in_one_message_are_both_answered() {
        advisor.reply(user, 5, "/forget");

        String both = say(5, "what does a junior earn and which cert should I take?");

        assertTrue(both.contains("$70,000") || both.contains("$80,000"), both);
        assertTrue(both.contains("Certifications"), both);
    }

    @Test
    void background_in_plain_words_is_noted_and_used_and_a_contradiction_changes_nothing() {
        advisor.reply(user, 6, "/forget");

        String noted = say(6, "senior data engineer, 8 years, mostly Google Cloud");
        String certs = say(6, "which certification?");
        String contradiction = say(6, "I'm a senior, or a student really");

        assertTrue(noted.startsWith("Noted: ") && noted.contains("8 years") && noted.contains("Google Cloud"), noted);
        assertTrue(certs.contains("Professional Machine Learning Engineer") && !certs.contains("suits a beginner"), certs);
        assertTrue(contradiction.contains("?") && contradiction.contains("not changed"), contradiction);
        assertTrue(say(6, "/profile").contains("Background: senior data engineer, 8 years"));
    }

    @Test
    void another_occupations_pay_is_never_given_as_ml_engineer_figures() {
        Answer web = advisor.reply(user, 7, "how much does a web developer earn?");

        String body = PlainText.body(web);
        assertTrue(body.contains("web developer"), body);
        assertFalse(body.contains("$70,000") || body.contains("$120,000") || body.contains("$200,000"), body);
    }

    @Test
    void a_short_question_that_finds_nothing_alone_is_read_against_the_thread() {
        advisor.reply(user, 11, "/forget");
        say(11, "Is the AWS machine learning specialty still offered?");

        String instead = say(11, "what do people sit for nowadays instead");

        assertTrue(instead.contains("MLA-C01") && instead.contains("AIP-C01"), instead);
    }

    @Test
    void an_aspect_asked_after_a_list_of_certifications_is_given_for_each_one_listed() {
        advisor.reply(user, 12, "/forget");
        say(12, "Which certification should I take for AWS?");

        String prices = say(12, "and what do they cost?");

        assertTrue(prices.startsWith("Price of each one listed:"), prices);
        assertTrue(prices.contains("$100") && prices.contains("$150"), "AIF-C01 and MLA-C01: " + prices);
        assertTrue(say(12, "how long does it take to become an ML engineer?").contains("time estimate"),
                "a question of its own after them is not about the exams");
    }

    @Test
    void why_with_a_subject_asks_the_reason_and_keeps_the_learning_path_thread() {
        advisor.reply(user, 13, "/forget");
        say(13, "I'm a beginner, what should I learn first?");

        String why = say(13, "why python?");
        String after = say(13, "okay and after that, right?");

        assertTrue(why.contains("Python"), why);
        assertTrue(after.startsWith("After those:"), "the path goes on past the topics suggested: " + after);
    }

    @Test
    void an_off_topic_question_in_the_middle_of_a_thread_is_still_declined() {
        advisor.reply(user, 9, "/forget");
        say(9, "how much does a junior ML engineer earn?");
        say(9, "and seniors?");

        for (String offTopic : java.util.List.of("how many calories are in a banana", "give me a pizza recipe",
                "and a vegetarian one?")) {
            assertFalse(advisor.reply(user, 9, offTopic).grounded(), offTopic);
        }
    }

    @Test
    void tell_me_more_shows_sections_not_shown_before() {
        advisor.reply(user, 10, "/forget");
        Answer first = advisor.reply(user, 10, "what skills does an ML engineer need?");
        Answer more = advisor.reply(user, 10, "tell me more");

        assertTrue(more.grounded(), PlainText.body(more));
        for (Answer.Citation c : more.sources()) {
            assertFalse(first.sources().stream().anyMatch(f -> f.file().equals(c.file()) && f.section().equals(c.section())),
                    "shown again: " + c.section());
        }
    }

    @Test
    void a_connector_in_front_of_a_new_question_does_not_repeat_the_previous_answer() {
        advisor.reply(user, 11, "/forget");
        say(11, "what does a junior earn?");
        String mlops = say(11, "and what is MLOps?");
        say(11, "tell me about the AWS ML engineer associate");
        String remote = say(11, "Are there remote jobs?");

        assertFalse(mlops.contains("$70,000") || mlops.contains("$80,000"), mlops);
        assertFalse(remote.contains("MLA-C01"), remote);
    }

    @Test
    void a_follow_up_to_a_thread_that_has_expired_gets_a_question_back() throws Exception {
        advisor.reply(user, 15, "/forget");
        say(15, "how much does a mid-level ML engineer earn?");
        int aged = DatabaseFile.update(TestAdvisors.SHIPPED_DATA_DIR, "UPDATE dialogue SET at_ms = at_ms - "
                + (181L * 60 * 1000) + " WHERE user_id = " + user + " AND chat_id = 15");
        assertEquals(1, aged, "the turn, made older than ADVISOR_CONTEXT_MINUTES' default");

        Answer seniors = advisor.reply(user, 15, "and seniors?");

        assertFalse(seniors.grounded(), PlainText.body(seniors));
        assertTrue(PlainText.body(seniors).contains("senior ML engineers earn?"), PlainText.body(seniors));
    }

    @Test
    void odd_input_gets_a_reply_not_a_crash() {
        advisor.reply(user, 8, "/forget");
        String longFollowUp = "and" + " and".repeat(999) + "…?";

        for (String text : java.util.List.of(longFollowUp, "salary and certs and where do I start?", "why?",
                "tell me more", "which one first?")) {
            assertFalse(say(8, text).isBlank(), text);
        }
        String three = say(8, "what does a senior earn, which cert for azure and what should I learn next?");
        assertTrue(three.contains("$200,000") && three.contains("Azure") && three.contains("What to learn first"),
                "three intents in one message, each answered: " + three);
    }
}
