package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.bench.EvalSet;
import io.github.careeradvisor.knowledge.KnowledgeBase;
import io.github.careeradvisor.knowledge.KnowledgeLoader;
import io.github.careeradvisor.knowledge.TokenCounter;
import io.github.careeradvisor.knowledge.Unit;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The advisor over the shipped knowledge, with the real model: what a person gets for what they type. */
class AdvisorTest {

    private final Advisor shared = TestAdvisors.shipped().advisor();
    /** Replies for a person with no profile, whatever other tests stored. */
    private final StrangerAdvisor advisor = new StrangerAdvisor();

    private final class StrangerAdvisor {
        private final long stranger = 434_343;

        Answer reply(String text) {
            shared.reply(stranger, "/forget");
            return shared.reply(stranger, text);
        }

        Answer reply(long user, String text) {
            return shared.reply(user, text);
        }
    }

    @Test
    void an_empty_or_blank_message_gets_a_prompt_not_an_error() {
        for (String blank : List.of("", "   ", "\n\t", "\u200b\u200b")) {
            Answer answer = advisor.reply(blank);
            assertFalse(answer.grounded());
            assertTrue(PlainText.body(answer).startsWith("Please type a question."), PlainText.body(answer));
        }
    }

    @Test
    void a_greeting_before_what_someone_says_of_themselves_does_not_hide_it() {
        for (String said : List.of("hi! I am a nurse and want to move into machine learning", "Hello, I'm a teacher")) {
            String body = PlainText.body(advisor.reply(said));
            assertTrue(body.startsWith("Noted: ") && body.contains("career switcher"), said + " -> " + body);
        }
    }

    @Test
    void someone_who_names_a_goal_is_noted_with_their_own_occupation_not_the_goals() {
        Map<String, String> said = Map.of("I'm a nurse who wants to become an ML engineer", "Noted: nurse; level: career switcher",
                "I am a teacher and I want to become a data scientist", "Noted: teacher; level: career switcher",
                "I'm a student who wants to become a senior ML engineer", "Noted: student; level: student");
        said.forEach((message, noted) -> {
            String body = PlainText.body(advisor.reply(message));
            assertTrue(body.startsWith(noted) && body.contains("goal: become"), message + " -> " + body);
        });
        // "who" still asks where a clause begins
        assertFalse(PlainText.body(advisor.reply("I'm a data engineer, who should I talk to about ML?")).startsWith("Noted"));
    }

    @Test
    void whether_certifications_are_worth_it_gets_the_guides_view_even_with_a_profile_to_fit_picks_to() {
        long user = 900_141;
        advisor.reply(user, "/forget");
        advisor.reply(user, "I'm a backend developer with 6 years of experience");
        for (String asked : List.of("is a certification worth it?", "do employers care about certs?")) {
            String body = PlainText.body(advisor.reply(user, asked));
            assertTrue(body.contains("career prospects") || body.contains("expertise to potential employers"),
                    asked + " -> " + body);
            assertFalse(body.startsWith("Certifications that fit you"), asked + " -> " + body);
        }
        assertTrue(PlainText.body(advisor.reply(user, "which certification should I take?"))
                .startsWith("Certifications that fit you"), "which one is still a pick for the person");
    }

    @Test
    void which_role_earns_more_gives_each_roles_own_figures_and_says_no_source_compares_them() {
        for (String asked : List.of("do ML engineers earn more than data scientists?",
                "who makes more money, a data scientist or an ML engineer?",
                "what's the difference between an ML engineer and a data scientist, salary wise?",
                "how does data scientist pay differ from ML engineer pay?")) {
            String body = PlainText.body(advisor.reply(asked));
            assertTrue(body.startsWith("No source compares"), asked + " -> " + body);
            assertTrue(body.contains("$125,000") && body.contains("$108,020"), asked + " -> " + body);
        }
        long user = 900_143;
        advisor.reply(user, "/forget");
        advisor.reply(user, "what's the difference between an ML engineer and a data scientist?");
        String followUp = PlainText.body(advisor.reply(user, "which one pays better?"));
        assertTrue(followUp.startsWith("No source compares") && followUp.contains("$108,020"), followUp);
        assertFalse(PlainText.body(advisor.reply(user, "which industry pays the most?")).startsWith("No source"),
                "an industry question after the comparison is about industries");
        String dataScientists = PlainText.body(advisor.reply("how much does a data scientist earn?"));
        assertTrue(dataScientists.startsWith("Data scientist pay (not ML engineer pay): The median annual wage of data "
                + "scientists was $108,020"), dataScientists);
        assertFalse(dataScientists.contains("wrangle"), "their pay, not what they do: " + dataScientists);
        for (String asked : List.of("how much does an AI engineer earn?", "who earns more, AI engineers or ML engineers?")) {
            String body = PlainText.body(advisor.reply(asked));
            assertTrue(body.startsWith("My guides give no pay figures for AI engineers"), asked + " -> " + body);
        }
    }

    @Test
    void a_follow_up_or_a_role_asked_about_opens_the_answer_not_a_sentence_on_the_thread_before() {
        long user = 900_145;
        advisor.reply(user, "/forget");
        advisor.reply(user, "do I need a master's degree to become an ML engineer?");
        String phd = PlainText.body(advisor.reply(user, "what about a PhD?"));
        assertTrue(phd.startsWith("A PhD"), phd);
        // A follow-up asking something of its own has no subject to open on ("take" is not one).
        String howLong = PlainText.body(advisor.reply(user, "ok and how long does it usually take to get there?"));
        String opening = howLong.lines().findFirst().orElseThrow();
        assertTrue(opening.contains("months or years") || opening.contains("time estimate"), howLong);
        advisor.reply(user, "/forget");
        advisor.reply(user, "what's the difference between an ML engineer and a data scientist?");
        String aiEngineers = PlainText.body(advisor.reply(user, "what does an AI engineer do then?"));
        assertTrue(aiEngineers.lines().findFirst().orElseThrow().contains("AI engineers"), aiEngineers);
        String dataScientists = PlainText.body(advisor.reply("what does a data scientist do?"));
        assertTrue(dataScientists.lines().findFirst().orElseThrow().contains("data scientists"), dataScientists);
    }

    @Test
    void how_long_it_takes_opens_with_a_sentence_that_gives_a_time_not_the_pay_asked_before() {
        long user = 900_146;
        advisor.reply(user, "/forget");
        advisor.reply(user, "how much does a junior ML engineer earn?");
        advisor.reply(user, "and seniors?");
        String howLong = PlainText.body(advisor.reply(user, "how long does it take to get there?"));
        String opening = howLong.lines().findFirst().orElseThrow();
        assertTrue(!opening.contains("$") && (opening.contains("years") || opening.contains("timeline")), howLong);
    }

    @Test
    void a_short_question_the_router_is_sure_of_is_searched_with_its_subject_named_not_declined() {
        // With the quantized model, the default, each alone is below the relevance floor (0.31 and 0.38).
        Advisor quantized = TestAdvisors.shipped(true).advisor();
        Map<String, String> guides = Map.of("how do I level up?", "career path", "how to get hired?", "job");
        guides.forEach((asked, guide) -> {
            quantized.reply(434_344, "/forget");
            Answer answer = quantized.reply(434_344, asked);

            assertTrue(answer.grounded(), asked + " -> " + PlainText.body(answer));
            assertTrue(answer.sources().stream()
                    .anyMatch(c -> (c.title() + " " + c.section()).toLowerCase(Locale.ROOT).contains(guide)),
                    asked + " -> " + PlainText.withSources(answer));
        });
    }

    @Test
    void a_new_question_in_a_thread_is_searched_with_its_own_subject_before_it_is_read_as_leaning_on_the_thread() {
        Advisor quantized = TestAdvisors.shipped(true).advisor();
        quantized.reply(434_345, "/forget");
        quantized.reply(434_345, "I don't know Python, where do I start?");

        String hired = PlainText.body(quantized.reply(434_345, "how to get hired?"));

        assertFalse(hired.startsWith("After those"), "not the learning path's next topics: " + hired);
        assertTrue(hired.toLowerCase(Locale.ROOT).contains("job"), hired);
    }

    @Test
    void a_promotion_to_senior_is_what_it_takes_to_reach_senior_not_what_seniors_do() {
        for (String asked : List.of("how do I get promoted to senior?", "how can I get a promotion to senior ML engineer?")) {
            String body = PlainText.body(advisor.reply(asked));
            assertTrue(body.lines().findFirst().orElseThrow().contains("proven record"), asked + " -> " + body);
        }
    }

    @Test
    void pay_as_a_beginner_is_entry_level_pay_not_a_question_back_for_the_level() {
        for (String asked : List.of("what would I earn as a beginner?", "how much would I make as a newbie?")) {
            String body = PlainText.body(advisor.reply(asked));
            assertTrue(body.contains("$70,000") || body.contains("$80,000"), asked + " -> " + body);
            assertFalse(body.contains("$150,000"), "not the other levels: " + body);
        }
    }

    @Test
    void a_greeting_thanks_or_goodbye_gets_a_friendly_word_and_a_greeting_with_a_question_is_answered() {
        for (String hello : List.of("hi", "Hello!", "hey there 👋", "Good morning.")) {
            String body = PlainText.body(advisor.reply(hello));
            assertTrue(body.startsWith("Hi! I'm a career advisor"), hello + " -> " + body);
        }
        assertTrue(PlainText.body(advisor.reply("thanks!")).startsWith("You're welcome!"));
        assertTrue(PlainText.body(advisor.reply("Thank you so much 🙏")).startsWith("You're welcome!"));
        assertTrue(PlainText.body(advisor.reply("bye")).startsWith("Good luck"));

        Answer question = advisor.reply("hi, how much does a junior ML engineer earn?");
        assertTrue(question.grounded() && PlainText.body(question).contains("$70,000"), PlainText.body(question));
        assertFalse(PlainText.body(advisor.reply("hi, what's the capital of France?")).startsWith("Hi!"),
                "a greeting with an off-topic question is still declined");
    }

    @Test
    void a_question_in_another_language_is_told_the_guides_are_in_english_not_answered_with_a_guess() {
        Answer answer = advisor.reply("¿Cuánto gana un ingeniero de machine learning?");

        assertFalse(answer.grounded());
        assertTrue(PlainText.body(answer).startsWith("Sorry, I can only read questions in English"), PlainText.body(answer));
    }

    @Test
    void skills_in_general_are_answered_with_the_roadmaps_topics_and_one_skill_with_the_guides_alone() {
        Answer overview = advisor.reply("what skills are needed to work as an ML engineer?");
        String general = PlainText.body(overview);
        String maths = PlainText.body(advisor.reply("which maths does an ML engineer need?"));

        assertTrue(general.startsWith("The skills the guides name") && general.contains("Python")
                && general.contains("SQL") && general.contains("statistics"), general);
        assertTrue(overview.sources().get(0).file().endsWith("roadmap.json"), "the list is the roadmap's, cited");
        assertFalse(maths.startsWith("The skills the guides name"), maths);
        assertTrue(maths.contains("linear algebra"), maths);
    }

    @Test
    void a_vague_message_the_router_cannot_place_gets_a_question_back_and_an_off_topic_one_a_decline() {
        String vague = PlainText.body(advisor.reply("is it worth it?"));

        assertTrue(vague.startsWith("I'm not sure what you are asking. Is it ") && vague.contains("?\")?"), vague);
        for (String offTopic : List.of("how many calories are in a banana", "what's the weather in Paris?",
                "who won the world cup in 2022", "recommend me a good pizza place")) {
            assertTrue(PlainText.body(advisor.reply(offTopic)).startsWith("Sorry, that is outside what I know."), offTopic);
        }
    }

    @Test
    void a_topic_the_sources_leave_out_is_answered_with_that_not_with_a_word_match() {
        String body = PlainText.body(advisor.reply("how do I prepare for ML interviews?"));

        assertTrue(body.contains("ML job interview preparation, such as practice questions or how interviews run, "
                + "is not covered by the source guides."), body);
        assertFalse(body.contains("preparing data"), body);
    }

    @Test
    void a_principal_or_staff_engineers_pay_is_the_senior_section_even_for_someone_with_another_level() {
        long person = 900_124;
        advisor.reply(person, "/level junior");
        for (String question : List.of("what does a principal ML engineer earn?", "staff ML engineer salary")) {
            String body = PlainText.body(advisor.reply(person, question));
            assertTrue(body.contains("$200,000") && !body.contains("$70,000"), question + " -> " + body);
        }
        advisor.reply(person, "/forget");
    }

    @Test
    void pay_outside_the_united_states_is_answered_with_what_the_guides_do_not_give() {
        long person = 900_123;
        advisor.reply(person, "/level junior"); // a known level must not turn this into the US ranges alone
        for (String question : List.of("how much do ML engineers earn in Europe?",
                "what is the salary of an ML engineer in Germany?", "ML engineer pay in India")) {
            String body = PlainText.body(advisor.reply(person, question));
            assertTrue(body.contains("the source guides give none") && body.contains("US dollars"), question + " -> " + body);
        }
        advisor.reply(person, "/forget");
    }

    @Test
    void a_salary_question_shows_each_sources_range_with_whose_it_is() {
        Answer answer = advisor.reply("how much does a junior ML engineer earn?");
        String body = PlainText.body(answer);

        assertTrue(answer.grounded());
        assertTrue(body.contains("Simplilearn") && body.contains("$70,000") && body.contains("$120,000"), body);
        assertTrue(body.contains("ML Engineer Jobs guide") && body.contains("$80,000") && body.contains("$110,000"), body);
        assertTrue(answer.sources().stream().anyMatch(s -> s.file().equals("knowledge/salaries.md")), answer.sources().toString());
    }

    @Test
    void never_offers_a_retired_certification_as_open() {
        String body = PlainText.body(advisor.reply("is the AWS machine learning specialty still available?"));

        assertTrue(body.contains("retired") && body.contains("March 31, 2026"), body);
    }

    @Test
    void whatever_is_asked_of_a_certification_no_longer_bookable_the_reply_opens_with_that() {
        Map<String, String> asked = Map.of(
                "how much does the MLS-C01 cost?", "retired on March 31, 2026, no longer bookable",
                "how long is the AWS machine learning specialty exam?", "retired on March 31, 2026, no longer bookable",
                "what's the AWS ML specialty exam like these days?", "retired on March 31, 2026, no longer bookable",
                "tell me about the tensorflow developer certificate", "retired on May 1, 2024, no longer bookable",
                "how many questions are on the MLS-C01?", "retired on March 31, 2026, no longer bookable");
        asked.forEach((question, gone) -> {
            String first = PlainText.body(advisor.reply(question)).lines().findFirst().orElse("");
            assertTrue(first.contains(gone), question + " -> " + first);
        });
        // Where the reply is headed by what was asked, the certification's name is said once.
        for (String question : List.of("how long is the AWS machine learning specialty exam?",
                "what's the AWS ML specialty exam like these days?")) {
            String first = PlainText.body(advisor.reply(question)).lines().findFirst().orElse("");
            assertEquals(1, first.split("AWS Certified Machine Learning – Specialty", -1).length - 1, first);
        }
        // One still bookable opens with what was asked.
        String first = PlainText.body(advisor.reply("how much does the MLA-C01 cost?")).lines().findFirst().orElse("");
        assertTrue(first.contains("$") && !first.contains("retired"), first);
    }

    @Test
    void control_characters_and_emoji_do_not_get_in_the_way() {
        Answer answer = advisor.reply("how much 💰 do\u0000 junior ML engineers\u0007 earn? 🤔");

        assertTrue(answer.grounded());
        assertTrue(PlainText.body(answer).contains("$70,000"), PlainText.body(answer));
    }

    @Test
    void a_message_over_4096_characters_is_answered_on_its_start_with_a_note() {
        Answer answer = advisor.reply("how much does a junior ML engineer earn? " + "blah ".repeat(2000));

        assertTrue(answer.grounded());
        assertTrue(PlainText.body(answer).endsWith(
                "(Your message was long, so I read only its first 4096 characters.)"), PlainText.body(answer));
    }

    @Test
    void commands_get_their_own_replies() {
        assertTrue(PlainText.body(advisor.reply("/start")).startsWith("Hi! I'm a career advisor"));
        assertTrue(PlainText.body(advisor.reply("/help@CareerAdvisorBot")).startsWith("Ask me anything"));
        assertTrue(PlainText.body(advisor.reply("/frobnicate")).startsWith("I don't know the command /frobnicate."));
        assertTrue(PlainText.body(advisor.reply(9001, "/done python")).startsWith("Well done: Programming in Python is marked done."));
        advisor.reply(9001, "/forget");
        Answer salary = advisor.reply("/salary");
        assertTrue(salary.grounded());
        assertTrue(PlainText.body(salary).contains("$"), PlainText.body(salary));
        assertTrue(advisor.reply("/certs").grounded());
    }

    @Test
    void off_topic_questions_are_declined_without_sources() {
        Answer answer = advisor.reply("give me a recipe for chocolate cake");

        assertFalse(answer.grounded());
        assertTrue(answer.sources().isEmpty());
        assertTrue(PlainText.body(answer).startsWith("Sorry, that is outside what I know."));
    }

    @Test
    void a_question_about_the_field_whose_subject_no_guide_mentions_is_declined_naming_it() {
        // The guides match "ML engineers" strongly; what they never mention is what the question is about.
        Answer answer = advisor.reply(9_002, "do ml engineers need to know docker and kubernetes?");

        assertFalse(answer.grounded(), PlainText.body(answer));
        assertTrue(PlainText.body(answer).startsWith(
                "Sorry, that is outside what I know: my guides never mention \u201cdocker\u201d or \u201ckubernetes\u201d."),
                PlainText.body(answer));
        // Nor is such a question asked back as if it were unclear.
        Answer laptop = advisor.reply(9_004, "what's the best laptop for machine learning?");
        assertTrue(PlainText.body(laptop).startsWith(
                "Sorry, that is outside what I know: my guides never mention \u201claptop\u201d."), PlainText.body(laptop));
        // Nor searched again with the thread's subject, which the guides do cover.
        assertTrue(advisor.reply(9_005, "what skills does an ML engineer need?").grounded());
        Answer inThread = advisor.reply(9_005, "do they need docker?");
        assertTrue(PlainText.body(inThread).startsWith(
                "Sorry, that is outside what I know: my guides never mention \u201cdocker\u201d."), PlainText.body(inThread));
        // A word the guides lack beside a subject they cover is no reason to decline.
        assertTrue(advisor.reply(9_003, "honestly, how much does a junior ML engineer earn?").grounded());
    }

    /** Every sentence and bullet of every evaluation answer is quoted from the knowledge, and short. */
    @Test
    void answers_only_quote_the_knowledge_and_stay_short() {
        Set<String> units = new HashSet<>();
        TokenCounter tokens = TokenCounter.forMiniLm();
        KnowledgeBase kb = new KnowledgeLoader(Path.of("knowledge"), tokens::count).load();
        kb.passages().forEach(p -> p.units().stream().map(Unit::text).forEach(units::add));
        List<Integer> lengths = new java.util.ArrayList<>();
        for (EvalSet.Question q : EvalSet.load().questions()) {
            Answer answer = advisor.reply(q.text()); // a stranger, so each question stands alone
            boolean fromGuides = answer.sources().stream().allMatch(s -> s.file().endsWith(".md"));
            if (!answer.grounded() || !fromGuides) {
                continue; // certification advice is built from certifications.json: see PersonalAdviceTest
            }
            for (Answer.Block block : answer.blocks()) {
                if (block instanceof Answer.Bullets b) {
                    b.items().forEach(item -> assertTrue(quoted(item, units), "not in the knowledge: " + item));
                } else if (block instanceof Answer.Paragraph p && !heading(p.text()) && !confirmed(p.text())) {
                    assertTrue(quoted(p.text(), units) || quoted(afterHeading(p.text()), units),
                            "not in the knowledge: " + p.text());
                }
            }
            int length = PlainText.body(answer).length();
            assertTrue(length <= 1500, q.text() + " got " + length + " characters");
            lengths.add(length);
        }
        lengths.sort(null);
        int median = lengths.get(lengths.size() / 2);
        assertTrue(median <= 900, "median answer length " + median);
    }

    /** What a question said of its asker, confirmed as kept (see PersonalAdviceTest): no fact of the guides. */
    private static boolean confirmed(String paragraph) {
        return paragraph.startsWith("Noted: ") && paragraph.endsWith(". /profile shows it; /forget removes it.");
    }

    /** The line before an answer saying what was understood ("Senior ML engineer pay:"): no fact of its own. */
    private static boolean heading(String text) {
        return text.endsWith(":") && text.length() <= 100 && !text.matches(".*\\d{3}.*");
    }

    /** The few words the advisor leads an answer with, saying what it was taken for; nothing else. */
    private static final java.util.regex.Pattern LEAD = java.util.regex.Pattern.compile("(.* ML engineer pay"
            + "( \\(your level, [a-z -]+\\))?|.* pay \\(not ML engineer pay\\)|ML engineer pay in [^:]+|Why|More on that"
            + "|After those|[A-Z]{2,5}-[A-Z]?\\d{2,3}|[^:]+, [a-z ]+|Certifications for [A-Za-z ]+|[A-Z][a-z ]+ of each one listed):");

    /** What follows such a lead on the first paragraph's line ("Senior ML engineer pay: Experienced …"); "" if none. */
    private static String afterHeading(String text) {
        int colon = text.indexOf(": ");
        return colon > 0 && LEAD.matcher(text.substring(0, colon + 1)).matches() ? text.substring(colon + 2) : "";
    }

    /**
     * A sentence of the knowledge as it is, or with its source moved to a note at the end: "Entry-level
     * ML engineers earn … (Simplilearn)." for "Simplilearn: entry-level ML engineers earn …".
     */
    private static boolean quoted(String text, Set<String> units) {
        if (units.contains(text)) {
            return true;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*) \\(([^()]+)\\)([.!])$").matcher(text);
        if (!m.matches()) {
            return false;
        }
        String claim = (m.group(1) + m.group(3)).toLowerCase(java.util.Locale.ROOT);
        String source = m.group(2).toLowerCase(java.util.Locale.ROOT);
        return units.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(u -> u.endsWith(claim) && u.contains(source));
    }
}
