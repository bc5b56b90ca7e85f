package io.github.careeradvisor.replicas;

import io.github.careeradvisor.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The questions each person asked in the last minute, kept in the shared database so the limit on
 * questions a minute holds across replicas: a flood answered by two replicas counts once. Only times
 * are kept, never texts, and a row is older than the window for a minute at most.
 */
public final class QuestionWindows {

    /** What a question does to its asker's window. */
    public enum Outcome {
        /** Counted: within the limit. */
        COUNTED,
        /** Over the limit, for the first time since the window was last within it. */
        OVER_FIRST,
        /** Over the limit again. */
        OVER_AGAIN
    }

    private final Database database;
    private volatile long lastSweep;

    public QuestionWindows(Database database) {
        this.database = database;
    }

    /** Counts a question of {@code userId} at {@code nowMs} if fewer than {@code limit} fall in the last {@code windowMs}. */
    public Outcome note(long userId, long nowMs, long windowMs, int limit) {
        Outcome[] outcome = {Outcome.COUNTED};
        boolean sweep = nowMs - lastSweep > windowMs;
        if (sweep) {
            lastSweep = nowMs;
        }
        database.write("counting a question of user " + userId, db -> {
            // The person's notice row, created if missing, is locked first: two replicas counting the same
            // person's questions take turns instead of both reading the same count.
            try (PreparedStatement p = db.prepareStatement("INSERT INTO question_windows (user_id, noticed) VALUES (?, 0) "
                    + "ON CONFLICT (user_id) DO UPDATE SET noticed = question_windows.noticed RETURNING noticed")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    outcome[0] = rs.getInt(1) == 1 ? Outcome.OVER_AGAIN : Outcome.OVER_FIRST;
                }
            }
            try (PreparedStatement p = db.prepareStatement(sweep ? "DELETE FROM question_times WHERE at_ms <= ?"
                    : "DELETE FROM question_times WHERE at_ms <= ? AND user_id = ?")) {
                p.setLong(1, nowMs - windowMs);
                if (!sweep) {
                    p.setLong(2, userId);
                }
                p.executeUpdate();
            }
            if (sweep) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM question_windows WHERE user_id <> ? AND "
                        + "NOT EXISTS (SELECT 1 FROM question_times t WHERE t.user_id = question_windows.user_id)")) {
                    p.setLong(1, userId);
                    p.executeUpdate();
                }
            }
            int asked;
            try (PreparedStatement p = db.prepareStatement("SELECT count(*) FROM question_times WHERE user_id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    asked = rs.getInt(1);
                }
            }
            if (asked < limit) {
                try (PreparedStatement p = db.prepareStatement("INSERT INTO question_times (user_id, at_ms) VALUES (?, ?)")) {
                    p.setLong(1, userId);
                    p.setLong(2, nowMs);
                    p.executeUpdate();
                }
                outcome[0] = Outcome.COUNTED;
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE question_windows SET noticed = ? WHERE user_id = ?")) {
                p.setInt(1, outcome[0] == Outcome.COUNTED ? 0 : 1);
                p.setLong(2, userId);
                p.executeUpdate();
            }
        });
        return outcome[0];
    }
}
