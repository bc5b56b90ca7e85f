package io.github.careeradvisor.profile;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A time in the week at a fixed UTC offset, when a person's reminder is due (README, "Weekly reminders").
 * A fixed offset, not a time zone: a person on summer time sends {@code /remind} again when the clocks change.
 */
public record Weekly(DayOfWeek day, LocalTime time, ZoneOffset offset) {

    /** {@code /remind} alone: Monday 18:00 UTC. */
    public static final Weekly DEFAULT = new Weekly(DayOfWeek.MONDAY, LocalTime.of(18, 0), ZoneOffset.UTC);

    public Weekly {
        time = time.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The first time after {@code after} (never at it) that this falls on. */
    public Instant nextAfter(Instant after) {
        OffsetDateTime local = after.atOffset(offset);
        OffsetDateTime candidate = local.with(TemporalAdjusters.nextOrSame(day)).with(time);
        if (!candidate.toInstant().isAfter(after)) {
            candidate = local.with(TemporalAdjusters.next(day)).with(time);
        }
        return candidate.toInstant();
    }

    /** "Fridays at 08:30 (UTC+02:00)". */
    public String describe() {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s at " + time + " ("
                + (offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId()) + ")";
    }
}
