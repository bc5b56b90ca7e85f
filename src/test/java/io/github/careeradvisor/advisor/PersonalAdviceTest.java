package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The advisor answering for one person, with the real knowledge, model and SQLite profile store. */
class PersonalAdviceTest {

    /** Every test gets users no other test uses, so the shared database cannot couple them. */
    private static final AtomicLong NEXT_USER = new AtomicLong(700_000 + System.nanoTime() % 100_000 * 10);

    private final Advisor advisor = TestAdvisors.shipped().advisor();
    private final long user = NEXT_USER.addAndGet(10);

    private String say(String text) {
        return PlainText.body(advisor.reply(user, text));
    }

    @Test
    void next_suggests_topics_whose_prerequisites_are_done_and_moves_on_after_done() {
        String first = say("/next");
        assertTrue(first.startsWith("What to learn first: start with Programming in Python, then Mathematics"), first);
        assertTrue(first.contains("1. Programming in Python"), first);
        assertTrue(first.contains("Mathematics"), first);
        assertFalse(first.contains("Statistics"), "statistics needs maths first: " + first);
        assertTrue(first.contains("/done python"), first);
        assertTrue(first.contains("What to learn: "), first);
        assertTrue(first.contains("Progress: 0 of 12 topics done."), first);

        String done = say("/done math");
        String after = say("what should i learn next?");

        assertTrue(done.startsWith("Well done: Mathematics"), done);
        assertTrue(after.startsWith("What to learn next"), "a topic is marked: " + after);
        assertTrue(after.contains("Statistics"), after);
        assertFalse(after.contains("Mathematics: linear algebra"), after);
        assertTrue(after.contains("Progress: 1 of 12 topics done."), after);
    }

    @Test
    void no_topic_says_again_under_what_to_learn_what_its_reason_said() {
        List<String> topics = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Answer next = advisor.reply(user, "/next");
            List<String> paragraphs = next.blocks().stream().filter(b -> b instanceof Answer.Paragraph)
                    .map(b -> ((Answer.Paragraph) b).text()).toList();
            for (int p = 0; p + 1 < paragraphs.size(); p++) {
                if (paragraphs.get(p).matches("\\d+\\. .*") && paragraphs.get(p + 1).startsWith("What to learn: ")) {
                    String why = paragraphs.get(p);
                    String learn = paragraphs.get(p + 1);
                    assertTrue(sharedRun(why, learn) < 6, "the reason and what to learn repeat each other:\n" + why
                            + "\n" + learn);
                }
            }
            List<String> marked = next.choices().stream().map(Answer.Choice::row).distinct().toList();
            if (marked.isEmpty()) {
                break;
            }
            topics.add(marked.get(0));
            say("/done " + marked.get(0));
        }
        assertEquals(12, topics.size(), "every topic was suggested once: " + topics);
    }

    /** The longest run of words two texts share, in order. */
    private static int sharedRun(String a, String b) {
        String[] x = a.toLowerCase(java.util.Locale.ROOT).split("\\W+");
        String[] y = b.toLowerCase(java.util.Locale.ROOT).split("\\W+");
        int best = 0;
        int[][] run = new int[x.length + 1][y.length + 1];
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                run[i][j] = x[i - 1].equals(y[j - 1]) ? run[i - 1][j - 1] + 1 : 0;
                best = Math.max(best, run[i][j]);
            }
        }
        return best;
    }

    @Test
    void next_offers_done_learning_and_skip_buttons_per_topic_side_by_side() {
        Answer next = advisor.reply(user, "/next");

        assertEquals(List.of("/done python", "/learning python", "/skip python"),
                next.choices().subList(0, 3).stream().map(Answer.Choice::command).toList());
        assertEquals(List.of("python", "python", "python"),
                next.choices().subList(0, 3).stream().map(Answer.Choice::row).toList());
        assertEquals("/done math", next.choices().get(3).command());
        assertTrue(next.grounded());
        assertFalse(next.sources().isEmpty());
    }

    @Test
    void a_progress_button_marks_the_topic_and_gives_what_comes_next() {
        String pressed = PlainText.body(advisor.progressPress(user, "/done python").orElseThrow());

        assertTrue(pressed.startsWith("Well done: Programming in Python is marked done."), pressed);
        assertTrue(pressed.contains("What to learn next"), pressed);
        assertTrue(pressed.contains("Progress: 1 of 12 topics done."), pressed);
        assertTrue(advisor.progressPress(user, "/done nonsense").isEmpty(), "no such topic");
        assertTrue(advisor.progressPress(user, "/salary").isEmpty(), "not a progress command");
        assertTrue(say("/profile").contains("Programming in Python"), say("/profile"));
    }

    @Test
    void an_unknown_topic_lists_the_valid_ids() {
        String reply = say("/done ../../etc/passwd");

        assertTrue(reply.startsWith("I don't know the topic '../../etc/passwd'. Use /done with one of: python, math,"), reply);
    }

    @Test
    void certs_for_a_junior_on_google_cloud_name_the_professional_ml_engineer_with_its_experience_note() {
        say("/level junior");
        say("/cloud gcp");

        String reply = say("/certs");

        assertTrue(reply.contains("Google Cloud Certified – Professional Machine Learning Engineer"), reply);
        assertTrue(reply.contains("Experience: 3+ years of industry experience"), reply);
        assertTrue(reply.contains("$200 (plus tax); valid 2 years (Google Cloud Professional certifications)."), reply);
        assertTrue(reply.contains("confirm both on the provider's page before you book"), reply);
        int retiredPart = reply.indexOf("No longer available");
        int specialty = reply.indexOf("Machine Learning – Specialty");
        assertTrue(specialty < 0 || specialty > retiredPart && retiredPart >= 0,
                "AWS ML Specialty offered as available: " + reply);
    }

    @Test
    void a_cloud_asked_by_name_is_answered_in_the_first_sentence_with_only_its_own_certifications() {
        String google = say("which certification for Google Cloud?");
        String aws = say("Which certification should I take for AWS?");

        assertTrue(google.startsWith("For Google Cloud, the certification you can book today is Google Cloud "
                + "Certified – Professional Machine Learning Engineer"), google);
        assertFalse(google.contains("IBM") || google.contains("AWS Certified"), "beside the question: " + google);
        assertTrue(aws.startsWith("For AWS, "), aws);
        assertFalse(aws.split("No longer available", 2)[0].contains("Google Cloud Certified"), aws);
    }

    @Test
    void aws_ml_specialty_is_never_offered_as_available_and_its_successor_is_named() {
        say("/level senior");
        say("/cloud aws");

        String reply = say("which certification should I take?");
        String[] parts = reply.split("No longer available", 2);

        assertFalse(parts[0].contains("Specialty"), reply);
        // MLS-C01 has two named successors, and both are named.
        assertTrue(parts.length == 2 && parts[1].contains("MLS-C01") && parts[1].contains("March 31, 2026")
                && parts[1].contains("successor MLA-C01 and AIP-C01"), reply);
    }

    @Test
    void salary_shows_the_persons_level_first_with_every_sources_range() {
        say("/level mid");

        String reply = say("/salary");
        String generic = say("how much do ML engineers make?");

        assertTrue(reply.startsWith("Pay for your level (mid-level), as each source gives it:"), reply);
        int mid = reply.indexOf("$100,000");
        int entry = reply.indexOf("$70,000");
        assertTrue(mid > 0 && entry > mid, "mid-level first: " + reply);
        assertTrue(reply.contains("$110,000 to $150,000"), reply);
        assertTrue(generic.startsWith("Mid-level ML engineer pay (your level, mid-level):"), generic);
    }

    @Test
    void a_sentence_about_yourself_is_understood_confirmed_and_kept() {
        String reply = say("I'm a Java developer with 5 years of experience");
        String known = say("I already know Python and SQL.");
        String profile = say("/profile");

        assertEquals("Noted: Java developer, 5 years; level: career switcher. /profile shows it; /forget removes it.",
                reply);
        assertTrue(known.contains("marked done: Programming in Python, Data handling and SQL"), known);
        assertTrue(profile.contains("Level: career switcher"), profile);
        assertTrue(profile.contains("Background: Java developer, 5 years"), profile);
        assertTrue(say("I want to work at Google on search").contains("goal: work at Google on search"), "kept as written");
        assertTrue(profile.contains("Progress: 2 of 12 topics done."), profile);
    }

    @Test
    void a_question_about_yourself_is_answered_not_stored() {
        Answer answer = advisor.reply(user, "I'm a junior, how much should I earn?");

        assertTrue(answer.grounded(), PlainText.body(answer));
        assertTrue(advisor.reply(user, "/profile").blocks().toString().contains("Level: not set"));
    }

    @Test
    void a_question_that_first_says_who_you_are_keeps_that_and_answers_for_you() {
        String reply = say("I'm a data engineer with 8 years on GCP, which certification should I take?");
        String profile = say("/profile");

        int answer = reply.indexOf("Professional Machine Learning Engineer");
        assertTrue(answer >= 0 && reply.indexOf("Noted: data engineer, 8 years") > answer,
                "answered first, then told what was kept: " + reply);
        assertTrue(profile.contains("Background: data engineer, 8 years"), profile);
        assertTrue(profile.contains("Cloud: Google Cloud"), profile);
    }

    @Test
    void topics_said_known_before_asking_what_next_are_done_and_not_suggested() {
        String reply = say("I know Python and SQL, what should I learn next?");
        String next = reply.substring(0, Math.max(0, reply.indexOf("Noted:")));

        assertTrue(next.startsWith("What to learn next:"), reply);
        assertFalse(next.contains("Python") || next.contains("SQL"), next);
        assertTrue(reply.contains("Noted: marked done: Programming in Python, Data handling and SQL"), reply);
        assertTrue(say("/profile").contains("Progress: 2 of 12 topics done."));
    }

    @Test
    void a_sentence_before_a_question_that_denies_or_only_wishes_keeps_nothing() {
        for (String asked : List.of("I don't know Python, where do I start?", "I'm not a student anymore, is a master's worth it?",
                "I want to know Docker, how long does it take?", "I'm torn between AWS and Azure, which cert should I take?")) {
            String reply = say(asked);
            String profile = say("/profile");

            assertFalse(reply.contains("Noted:"), asked + " -> " + reply);
            assertTrue(profile.contains("Progress: 0 of 12 topics done.") && profile.contains("Level: not set")
                    && profile.contains("Cloud: not set"), asked + " -> " + profile);
        }
    }

    @Test
    void what_was_kept_closes_a_reply_to_two_questions() {
        Answer reply = advisor.reply(user, "I'm a data engineer with 8 years on GCP, which certification should I take? "
                + "And how much do seniors earn?");

        String last = reply.blocks().get(reply.blocks().size() - 1).toString();
        assertTrue(last.contains("Noted: data engineer, 8 years"), PlainText.body(reply));
        assertTrue(PlainText.body(reply).contains("$200,000"), "the second question answered too: " + PlainText.body(reply));
    }

    @Test
    void a_place_in_the_goal_stays_with_the_question() {
        String reply = say("I want to become an ML engineer in Germany, how much will I earn?");

        assertTrue(reply.contains("Germany"), reply);
        assertTrue(say("/profile").contains("Goal: become an ML engineer in Germany"), "the goal is kept as said");
    }

    @Test
    void the_question_after_who_you_are_is_answered_as_asked() {
        String reply = say("I'm a Java developer, how much do ML engineers earn in Germany?");

        assertTrue(reply.startsWith("ML engineer pay in Europe, the UK, Germany"), reply);
        assertTrue(say("/profile").contains("Background: Java developer"), "the sentence before the question is kept");
    }

    @Test
    void a_place_said_with_who_you_are_goes_with_the_question_not_the_background() {
        String reply = say("I'm a Java developer in Germany, how much do ML engineers earn?");

        assertTrue(reply.startsWith("ML engineer pay in Europe, the UK, Germany"), reply);
        assertTrue(say("/profile").contains("Background: Java developer"), "the sentence before the question is kept");
    }

    @Test
    void pay_asked_after_saying_where_you_are_says_its_figures_are_not_for_there() {
        say("hey, I'm a nurse in Canada, could I become an ML engineer?");
        String pay = say("how much would I make?");

        assertTrue(pay.contains("$80,000"), "the guides' figures: " + pay);
        assertTrue(pay.endsWith("Those figures are for the US, in dollars: the guides give none for Canada."), pay);
        assertTrue(say("how much do ML engineers earn in the US?").contains("$"), "asked for the US: no such note");
        assertFalse(say("how much does a senior earn?").contains("none for"), "the US named last: the figures are theirs");
    }

    @Test
    void pay_asked_with_no_place_said_has_no_note_about_places() {
        say("I'm a nurse, could I become an ML engineer?");

        assertFalse(say("how much would I make?").contains("Those figures are for the US"));
    }

    @Test
    void profile_commands_check_what_they_are_given() {
        Answer badLevel = advisor.reply(user, "/level wizard");
        String badHours = say("/hours lots");
        String hours = say("/hours 5");
        String goal = say("/goal ML engineer at a <b>fintech</b>");

        assertTrue(PlainText.body(badLevel).startsWith("I don't know the level 'wizard'. Choose one: new-to-tech, student,"));
        assertEquals("/level junior", badLevel.choices().get(3).command());
        assertEquals("Give the hours you can spend a week as a number from 1 to 80, e.g. /hours 5.", badHours);
        assertEquals("Saved: 5 hours a week.", hours);
        assertEquals("Saved: your goal is \"ML engineer at a <b>fintech</b>\". Try /next.", goal);
        assertEquals("Saved: 7 hours a week.", say("/hours\t7"), "a tab after the command, as Telegram reads it");
    }

    @Test
    void forget_deletes_everything_and_two_people_never_see_each_other() {
        long other = user + 1;
        say("/level senior");
        say("/done python");
        advisor.reply(other, "/cloud azure");

        String forgot = say("/forget");

        assertTrue(forgot.startsWith("Done: I deleted your profile, your progress and our conversations."), forgot);
        String mine = say("/profile");
        String theirs = PlainText.body(advisor.reply(other, "/profile"));
        assertTrue(mine.contains("Level: not set") && mine.contains("Progress: 0 of 12"), mine);
        assertTrue(theirs.contains("Cloud: Azure") && theirs.contains("Level: not set"), theirs);
        assertEquals("There was nothing stored about you, so there is nothing to delete.", say("/forget"));
    }

    @Test
    void salary_carries_the_pay_chart_with_the_persons_level_highlighted() {
        say("/level senior");

        Answer answer = advisor.reply(user, "/salary");

        io.github.careeradvisor.chart.PayChart chart = (io.github.careeradvisor.chart.PayChart) answer.chart();
        assertTrue(chart != null, "a chart");
        assertEquals("Senior (experienced)", chart.highlighted());
        assertTrue(chart.caption().startsWith("Senior (experienced) ML engineer pay, your level (senior): "),
                chart.caption());
        assertTrue(PlainText.body(answer).startsWith("Pay for your level (senior)"), PlainText.body(answer));
    }

    @Test
    void salary_before_a_level_is_known_highlights_none_and_asks_for_it() {
        io.github.careeradvisor.chart.PayChart chart = (io.github.careeradvisor.chart.PayChart)
                advisor.reply(user, "/salary").chart();

        assertEquals(null, chart.highlighted());
        assertTrue(chart.caption().endsWith("Tell me your level with /level to see yours highlighted."),
                chart.caption());
    }

    @Test
    void progress_counts_each_state_and_names_what_comes_next() {
        say("/level junior");
        say("/done python");
        say("/skip math");
        say("/learning statistics");

        Answer answer = advisor.reply(user, "/progress");

        io.github.careeradvisor.chart.ProgressChart chart = (io.github.careeradvisor.chart.ProgressChart) answer.chart();
        assertEquals(1, chart.count(io.github.careeradvisor.chart.ProgressChart.State.DONE));
        assertEquals(1, chart.count(io.github.careeradvisor.chart.ProgressChart.State.SKIPPED));
        assertEquals(chart.topics().size() - 2 - chart.count(io.github.careeradvisor.chart.ProgressChart.State.LEARNING),
                chart.count(io.github.careeradvisor.chart.ProgressChart.State.TO_DO));
        assertTrue(chart.caption().startsWith("Your learning path: 1 of " + chart.topics().size() + " topics done. "),
                chart.caption());
        assertTrue(PlainText.body(answer).contains("Next up: "), PlainText.body(answer));
        assertEquals(2, chart.topics().stream().filter(t -> t.title().equals("Statistics")).findFirst()
                .orElseThrow().stage(), "statistics needs maths: the second stage");
    }

    @Test
    void next_and_help_point_to_the_progress_picture() {
        assertTrue(say("/next").contains("/progress shows your learning path as a picture."));
        assertTrue(say("/help").contains("/progress your learning path as a picture"));
        assertEquals(null, advisor.reply(user, "/next").chart(), "the picture is /progress's");
    }
}
