package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.ReminderStore;
import io.github.careeradvisor.profile.Weekly;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /remind} and the weekly reminder itself (README, "Weekly reminders"): {@code /remind} alone is
 * Monday 18:00 UTC, {@code /remind fri 08:30} and {@code /remind fri 08:30 +02:00} choose, {@code /remind off}
 * stops. A reminder names the person's next topic and one question to try.
 */
final class ReminderReplies {

    static final String USAGE = "Use /remind DAY HH:MM, optionally with your UTC offset: /remind fri 08:30 or "
            + "/remind fri 08:30 +02:00 (/remind alone is Mondays at 18:00 UTC; /remind off stops it).";
    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY), Map.entry("thurs", DayOfWeek.THURSDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY));
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern OFFSET = Pattern.compile("(?:utc|gmt)?([+-])(\\d{1,2})(?::?(\\d{2}))?");

    private final ReminderStore store;
    private final Roadmap roadmap;

    ReminderReplies(ReminderStore store, Roadmap roadmap) {
        this.store = store;
        this.roadmap = roadmap;
    }

    /** The reply to {@code /remind ARGUMENT}, from {@code chatId}, where the reminders will go. */
    Answer command(long userId, long chatId, String argument, Instant now) {
        String text = argument.strip().toLowerCase(Locale.ROOT);
        if (text.equals("off") || text.equals("stop") || text.equals("none")) {
            return Answer.message(store.remove(userId) ? "Reminders stopped. /remind starts them again."
                    : "You have no reminder to stop. /remind starts one.");
        }
        Weekly when;
        try {
            when = text.isEmpty() ? Weekly.DEFAULT : parse(text);
        } catch (IllegalArgumentException e) {
            return Answer.message(e.getMessage() + " " + USAGE);
        }
        store.set(userId, chatId, when, now);
        return Answer.message("Done: I will remind you of your next step on " + when.describe()
                + ", starting " + when.nextAfter(now).atOffset(when.offset()).toLocalDate() + ". /remind off stops it.");
    }

    /** "fri 08:30 +02:00", "friday 8:30", "fri": a day, a time (default 18:00) and an offset (default UTC). */
    static Weekly parse(String text) {
        String[] words = text.strip().split("\\s+");
        DayOfWeek day = DAYS.get(words[0]);
        if (day == null) {
            throw new IllegalArgumentException("I could not read '" + words[0] + "' as a day of the week.");
        }
        LocalTime time = Weekly.DEFAULT.time();
        if (words.length > 1) {
            Matcher m = TIME.matcher(words[1]);
            int hour = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            int minute = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (hour < 0 || hour > 23 || minute > 59) {
                throw new IllegalArgumentException("I could not read '" + words[1] + "' as a time from 00:00 to 23:59.");
            }
            time = LocalTime.of(hour, minute);
        }
        ZoneOffset offset = ZoneOffset.UTC;
        if (words.length > 2) {
            offset = offset(words[2]);
        }
        if (words.length > 3) {
            throw new IllegalArgumentException("I did not understand '" + String.join(" ", List.of(words).subList(3,
                    words.length)) + "'.");
        }
        return new Weekly(day, time, offset);
    }

    /** "+02:00", "-5", "utc+5:30": from -12:00 to +14:00, as offsets in use are. */
    private static ZoneOffset offset(String word) {
        Matcher m = OFFSET.matcher(word);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int total = (m.group(1).equals("-") ? -1 : 1) * (hours * 60 + minutes);
            if (minutes < 60 && total >= -12 * 60 && total <= 14 * 60) {
                try {
                    return ZoneOffset.ofTotalSeconds(total * 60);
                } catch (DateTimeException e) {
                    // said below
                }
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a UTC offset from -12:00 to +14:00.");
    }

    /** The reminder itself: the person's next topic and a question to try, with buttons to mark it. */
    Answer reminder(Profile profile, String progressLine) {
        List<Roadmap.Topic> next = NextSteps.plan(roadmap, profile).next();
        if (next.isEmpty()) {
            return Answer.message("Your weekly nudge: you have worked through every topic on the roadmap. Ask me "
                    + "which certification fits you (/certs), or about the career ladder. /remind off stops these.");
        }
        Roadmap.Topic topic = next.get(0);
        return new Answer(List.of(
                new Answer.Paragraph("Your weekly nudge: next on your path is " + topic.title() + ". " + topic.why()),
                new Answer.Paragraph("A question to try: \"" + topic.question() + "\""),
                new Answer.Paragraph((progressLine.isBlank() ? "" : progressLine.strip() + " ")
                        + "/next shows your plan; /remind off stops these reminders.")),
                List.of(), false, Guidance.progressButtons(topic));
    }
}
