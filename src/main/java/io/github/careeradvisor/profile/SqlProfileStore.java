package io.github.careeradvisor.profile;

import io.github.careeradvisor.storage.Database;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Profiles in the bot's {@link Database} (the data dir's SQLite file {@value #FILE}, or PostgreSQL),
 * one transaction per call. The bot's update journal shares the database; closing the store closes the
 * database under it.
 */
public final class SqlProfileStore implements ProfileStore {

    public static final String FILE = SqliteDatabase.FILE;

    private final Database database;
    private final SqlDialogueStore dialogue;
    private final SqlFeedbackStore feedback;
    private final SqlReminderStore reminders;

    /** The profiles in {@code database}, which may hold other tables too. */
    public SqlProfileStore(Database database) {
        this.database = database;
        this.dialogue = new SqlDialogueStore(database);
        this.feedback = new SqlFeedbackStore(database);
        this.reminders = new SqlReminderStore(database);
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date; a
     * data dir or file that cannot be used is a {@link io.github.careeradvisor.config.ConfigException}
     * naming it and the setting.
     */
    public static SqlProfileStore open(Path dataDir) {
        return new SqlProfileStore(SqliteDatabase.open(dataDir));
    }

    /** The conversations, in the same database: {@link #forget} deletes a person's with the rest. */
    public DialogueStore dialogue() {
        return dialogue;
    }

    /** Questions and votes, in the same database: {@link #forget} deletes a person's with the rest. */
    public FeedbackStore feedback() {
        return feedback;
    }

    /** Weekly reminders, in the same database: {@link #forget} deletes a person's with the rest. */
    public ReminderStore reminders() {
        return reminders;
    }

    int schemaVersion() {
        return database.schemaVersion();
    }

    @Override
    public Profile load(long userId) {
        return database.read("reading the profile of user " + userId, db -> read(db, userId));
    }

    @Override
    public Profile update(long userId, UnaryOperator<Profile> change) {
        Profile[] stored = new Profile[1];
        database.write("updating the profile of user " + userId, db -> {
            Profile before = read(db, userId);
            Profile after = change.apply(before);
            try (PreparedStatement p = db.prepareStatement("INSERT INTO profiles (user_id, level, background, "
                    + "experience_years, goal, cloud, hours_per_week, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (user_id) DO UPDATE SET level = excluded.level, background = excluded.background, "
                    + "experience_years = excluded.experience_years, goal = excluded.goal, cloud = excluded.cloud, "
                    + "hours_per_week = excluded.hours_per_week, updated_at = excluded.updated_at")) {
                p.setLong(1, userId);
                p.setObject(2, after.level() == null ? null : after.level().id());
                p.setObject(3, after.background() == null ? null : clip(after.background()));
                p.setObject(4, after.experienceYears());
                p.setObject(5, after.goal() == null ? null : clip(after.goal()));
                p.setObject(6, after.cloud() == null ? null : after.cloud().id());
                p.setObject(7, after.hoursPerWeek());
                p.setString(8, Instant.now().toString());
                p.executeUpdate();
            }
            for (Map.Entry<String, TopicStatus> topic : after.progress().entrySet()) {
                if (topic.getValue() != before.progress().get(topic.getKey())) {
                    setTopic(db, userId, topic.getKey(), topic.getValue());
                }
            }
            stored[0] = read(db, userId);
        });
        return stored[0];
    }

    private static Profile read(Connection db, long userId) throws SQLException {
        Map<String, TopicStatus> progress = new HashMap<>();
        try (PreparedStatement p = db.prepareStatement("SELECT topic_id, status FROM topic_progress WHERE user_id = ?")) {
            p.setLong(1, userId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    progress.put(rs.getString(1), TopicStatus.fromId(rs.getString(2)));
                }
            }
        }
        try (PreparedStatement p = db.prepareStatement("SELECT level, background, experience_years, goal, cloud, "
                + "hours_per_week FROM profiles WHERE user_id = ?")) {
            p.setLong(1, userId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return new Profile(userId, null, null, null, null, null, null, progress);
                }
                String level = rs.getString(1);
                String cloud = rs.getString(5);
                return new Profile(userId,
                        level == null ? null : Level.fromId(level),
                        rs.getString(2),
                        intOrNull(rs, 3),
                        rs.getString(4),
                        cloud == null ? null : Cloud.fromId(cloud),
                        intOrNull(rs, 6),
                        progress);
            }
        }
    }

    @Override
    public void setLevel(long userId, Level level) {
        setColumns(userId, "level = ?", level.id());
    }

    @Override
    public void setCloud(long userId, Cloud cloud) {
        setColumns(userId, "cloud = ?", cloud.id());
    }

    @Override
    public void setGoal(long userId, String goal) {
        setColumns(userId, "goal = ?", clip(goal));
    }

    @Override
    public void setHours(long userId, int hoursPerWeek) {
        setColumns(userId, "hours_per_week = ?", hoursPerWeek);
    }

    @Override
    public void setBackground(long userId, String background, @Nullable Integer experienceYears) {
        if (experienceYears == null) {
            setColumns(userId, "background = ?", clip(background));
        } else {
            setColumns(userId, "background = ?, experience_years = ?", clip(background), experienceYears);
        }
    }

    @Override
    public void setExperience(long userId, int experienceYears) {
        setColumns(userId, "experience_years = ?", experienceYears);
    }

    @Override
    public void setTopic(long userId, String topicId, TopicStatus status) {
        database.write("recording progress of user " + userId, db -> setTopic(db, userId, topicId, status));
    }

    private static void setTopic(Connection db, long userId, String topicId, TopicStatus status) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO topic_progress (user_id, topic_id, status, "
                + "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, topic_id) DO UPDATE SET "
                + "status = excluded.status, updated_at = excluded.updated_at")) {
            p.setLong(1, userId);
            p.setString(2, topicId);
            p.setString(3, status.id());
            p.setString(4, Instant.now().toString());
            p.executeUpdate();
        }
    }

    @Override
    public boolean forget(long userId) {
        int[] deleted = new int[1];
        database.erase("deleting the data of user " + userId, userId, db -> {
            // Votes on the person's answers go with them, whoever gave them: they quote the person's question.
            try (PreparedStatement p = db.prepareStatement(
                    "DELETE FROM votes WHERE answer_id IN (SELECT id FROM answers WHERE user_id = ?)")) {
                p.setLong(1, userId);
                deleted[0] += p.executeUpdate();
            }
            for (String table : List.of("topic_progress", "profiles", "dialogue", "votes", "answers", "reminders")) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
                    p.setLong(1, userId);
                    deleted[0] += p.executeUpdate();
                }
            }
            // The person's questions still waiting (this /forget among them) stay until answered; an
            // answered update keeps neither its text nor who sent it, and the files are scrubbed again then.
        });
        return deleted[0] > 0;
    }

    /** Creates the person's row if needed and sets the given columns, in one transaction. */
    private void setColumns(long userId, String assignments, Object... values) {
        database.write("updating the profile of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement(
                    "INSERT INTO profiles (user_id, updated_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING")) {
                p.setLong(1, userId);
                p.setString(2, Instant.now().toString());
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE profiles SET " + assignments + ", updated_at = ? WHERE user_id = ?")) {
                int i = 1;
                for (Object value : values) {
                    p.setObject(i++, value);
                }
                p.setString(i++, Instant.now().toString());
                p.setLong(i, userId);
                p.executeUpdate();
            }
        });
    }

    private static @Nullable Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static String clip(String text) {
        String clean = text.strip();
        return clean.length() <= Profile.MAX_TEXT ? clean : clean.substring(0, Profile.MAX_TEXT);
    }

    @Override
    public void close() {
        database.close();
    }
}
