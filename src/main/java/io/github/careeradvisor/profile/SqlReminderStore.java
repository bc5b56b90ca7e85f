package io.github.careeradvisor.profile;

import io.github.careeradvisor.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reminders in the profile database's {@code reminders} table, one row a person. */
final class SqlReminderStore implements ReminderStore {

    private final Database database;

    SqlReminderStore(Database database) {
        this.database = database;
    }

    @Override
    public void set(long userId, long chatId, Weekly when, Instant now) {
        database.write("setting the reminder of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO reminders (user_id, chat_id, weekday, "
                    + "minute_of_day, offset_minutes, next_at_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO "
                    + "UPDATE SET chat_id = excluded.chat_id, weekday = excluded.weekday, minute_of_day = "
                    + "excluded.minute_of_day, offset_minutes = excluded.offset_minutes, next_at_ms = excluded.next_at_ms")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                p.setInt(3, when.day().getValue());
                p.setInt(4, when.time().getHour() * 60 + when.time().getMinute());
                p.setInt(5, when.offset().getTotalSeconds() / 60);
                p.setLong(6, when.nextAfter(now).toEpochMilli());
                p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Weekly> get(long userId) {
        return database.read("reading the reminder of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement(
                    "SELECT weekday, minute_of_day, offset_minutes FROM reminders WHERE user_id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(weekly(rs, 1)) : Optional.<Weekly>empty();
                }
            }
        });
    }

    @Override
    public boolean remove(long userId) {
        int[] removed = new int[1];
        database.write("stopping the reminder of user " + userId, db -> removed[0] = remove(db, userId));
        return removed[0] > 0;
    }

    static int remove(Connection db, long userId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM reminders WHERE user_id = ?")) {
            p.setLong(1, userId);
            return p.executeUpdate();
        }
    }

    @Override
    public List<Due> takeDue(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        database.write("taking the reminders due", db -> {
            List<long[]> rows = new ArrayList<>();
            List<Weekly> schedules = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT user_id, chat_id, next_at_ms, weekday, "
                    + "minute_of_day, offset_minutes FROM reminders WHERE next_at_ms <= ? ORDER BY next_at_ms LIMIT ?"
                    // Replicas taking due reminders at once each take other ones (README, "Run at scale").
                    + database.dialect().skipLocked())) {
                p.setLong(1, now.toEpochMilli());
                p.setInt(2, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                        schedules.add(weekly(rs, 4));
                    }
                }
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE reminders SET next_at_ms = ? WHERE user_id = ?")) {
                for (int i = 0; i < rows.size(); i++) {
                    long[] row = rows.get(i);
                    Instant dueAt = Instant.ofEpochMilli(row[2]);
                    p.setLong(1, schedules.get(i).nextAfter(now).toEpochMilli());
                    p.setLong(2, row[0]);
                    p.executeUpdate();
                    if (!dueAt.plus(GRACE).isBefore(now)) {
                        due.add(new Due(row[0], row[1], dueAt));
                    }
                }
            }
        });
        return due;
    }

    private static Weekly weekly(ResultSet rs, int first) throws SQLException {
        int minute = rs.getInt(first + 1);
        return new Weekly(DayOfWeek.of(rs.getInt(first)), LocalTime.of(minute / 60, minute % 60),
                ZoneOffset.ofTotalSeconds(rs.getInt(first + 2) * 60));
    }
}
