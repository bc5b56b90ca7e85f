package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a weekly reminder is due next: no database involved. */
class WeeklyTest {

    /** A Thursday. */
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Weekly FRIDAY_0830_PLUS_2 = new Weekly(DayOfWeek.FRIDAY, LocalTime.of(8, 30), ZoneOffset.ofHours(2));

    @Test
    void the_next_time_is_the_day_and_hour_at_the_persons_offset_and_never_the_moment_itself() {
        assertEquals(Instant.parse("2026-12-04T06:30:00Z"), FRIDAY_0830_PLUS_2.nextAfter(NOW));
        assertEquals(Instant.parse("2026-12-11T06:30:00Z"), FRIDAY_0830_PLUS_2.nextAfter(Instant.parse("2026-12-04T06:30:00Z")));
        assertEquals(Instant.parse("2026-12-07T18:00:00Z"), Weekly.DEFAULT.nextAfter(NOW), "Monday 18:00 UTC");
        Weekly thursdayNoonUtc = new Weekly(DayOfWeek.THURSDAY, LocalTime.NOON, ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-12-10T12:00:00Z"), thursdayNoonUtc.nextAfter(NOW), "not today at this very minute");
        Weekly mondayEarlyInTokyo = new Weekly(DayOfWeek.MONDAY, LocalTime.of(1, 0), ZoneOffset.ofHours(9));
        assertEquals(Instant.parse("2026-12-06T16:00:00Z"), mondayEarlyInTokyo.nextAfter(NOW), "Sunday in UTC");
        assertEquals("Fridays at 08:30 (UTC+02:00)", FRIDAY_0830_PLUS_2.describe());
    }
}
