package io.github.careeradvisor.profile;

import io.github.careeradvisor.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Questions and votes in the profile database's {@code answers} and {@code votes} tables. Old rows are
 * swept out now and then as new answers are noted, so a quiet bot's data ages out at its next start.
 */
final class SqlFeedbackStore implements FeedbackStore {

    static final int MAX_COMMENT = 1_000;
    /** How often rows past {@link #KEEP_DAYS} are swept out. */
    static final long SWEEP_MILLIS = 3_600_000;

    private final Database database;
    private final AtomicLong lastSweep = new AtomicLong();

    SqlFeedbackStore(Database database) {
        this.database = database;
    }

    @Override
    public long answered(long userId, long chatId, String question, boolean grounded, Instant at) {
        long[] id = new long[1];
        database.write("noting an answer to user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO answers (user_id, chat_id, question, "
                    + "grounded, at_ms) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                p.setString(3, question);
                p.setInt(4, grounded ? 1 : 0);
                p.setLong(5, at.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    id[0] = rs.getLong(1);
                }
            }
        });
        long last = lastSweep.get();
        if (at.toEpochMilli() - last > SWEEP_MILLIS && lastSweep.compareAndSet(last, at.toEpochMilli())) {
            expire(at.minus(java.time.Duration.ofDays(KEEP_DAYS)));
        }
        return id[0];
    }

    @Override
    public Vote vote(long answerId, long userId, long chatId, boolean helpful, Instant at) {
        Vote[] outcome = new Vote[1];
        database.write("storing a vote of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM answers WHERE id = ?")) {
                p.setLong(1, answerId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        outcome[0] = Vote.UNKNOWN_ANSWER;
                        return;
                    }
                }
            }
            Boolean before = null;
            boolean asked = false;
            try (PreparedStatement p = db.prepareStatement(
                    "SELECT helpful, comment_asked FROM votes WHERE answer_id = ? AND user_id = ?")) {
                p.setLong(1, answerId);
                p.setLong(2, userId);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        before = rs.getInt(1) == 1;
                        asked = rs.getInt(2) == 1;
                    }
                }
            }
            if (before != null && before == helpful) {
                outcome[0] = Vote.UNCHANGED;
                return;
            }
            boolean ask = !helpful && !asked;
            try (PreparedStatement p = db.prepareStatement("INSERT INTO votes (answer_id, user_id, chat_id, helpful, "
                    + "at_ms, comment_asked, comment_wanted_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (answer_id, user_id) DO UPDATE SET helpful = excluded.helpful, at_ms = excluded.at_ms, "
                    + "chat_id = excluded.chat_id, comment_asked = CASE WHEN votes.comment_asked = 1 "
                    + "THEN 1 ELSE excluded.comment_asked END, "
                    + "comment_wanted_at_ms = CASE WHEN excluded.comment_asked = 1 AND votes.comment_asked = 0 "
                    + "THEN excluded.comment_wanted_at_ms ELSE NULL END")) {
                p.setLong(1, answerId);
                p.setLong(2, userId);
                p.setLong(3, chatId);
                p.setInt(4, helpful ? 1 : 0);
                p.setLong(5, at.toEpochMilli());
                p.setInt(6, ask ? 1 : 0);
                if (ask) {
                    p.setLong(7, at.toEpochMilli());
                } else {
                    p.setNull(7, java.sql.Types.INTEGER);
                }
                p.executeUpdate();
            }
            outcome[0] = ask ? Vote.ASK_WHAT_WAS_MISSING : Vote.STORED;
        });
        return outcome[0];
    }

    @Override
    public Optional<Long> takeCommentWanted(long userId, long chatId, Instant since) {
        boolean waiting = database.read("reading the comment wanted of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM votes WHERE user_id = ? AND chat_id = ? "
                    + "AND comment_wanted_at_ms IS NOT NULL")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!waiting) {
            return Optional.empty(); // the usual case, and no write
        }
        Long[] answer = new Long[1];
        database.write("taking the comment wanted of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement("SELECT answer_id, comment_wanted_at_ms FROM votes "
                    + "WHERE user_id = ? AND chat_id = ? AND comment_wanted_at_ms IS NOT NULL "
                    + "ORDER BY comment_wanted_at_ms DESC")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next() && rs.getLong(2) >= since.toEpochMilli()) {
                        answer[0] = rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE votes SET comment_wanted_at_ms = NULL "
                    + "WHERE user_id = ? AND chat_id = ? AND comment_wanted_at_ms IS NOT NULL")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                p.executeUpdate();
            }
        });
        return Optional.ofNullable(answer[0]);
    }

    @Override
    public void comment(long answerId, long userId, String comment) {
        String clipped = comment.strip();
        String text = clipped.length() <= MAX_COMMENT ? clipped : clipped.substring(0, MAX_COMMENT);
        database.write("storing a comment of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE votes SET comment = ? WHERE answer_id = ? AND user_id = ?")) {
                p.setString(1, text);
                p.setLong(2, answerId);
                p.setLong(3, userId);
                p.executeUpdate();
            }
        });
    }

    @Override
    public Report report(Instant since, int top) {
        return database.read("reading the feedback report", db -> {
            int answers;
            try (PreparedStatement p = db.prepareStatement("SELECT count(*) FROM answers WHERE at_ms >= ?")) {
                p.setLong(1, since.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    answers = rs.getInt(1);
                }
            }
            int voted = 0;
            int helpful = 0;
            int votes = 0;
            Map<String, Tally> byQuestion = new LinkedHashMap<>();
            try (PreparedStatement p = db.prepareStatement("SELECT a.id, a.question, v.helpful, v.comment FROM answers a "
                    + "JOIN votes v ON v.answer_id = a.id WHERE a.at_ms >= ? ORDER BY a.id, v.at_ms")) {
                p.setLong(1, since.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    long lastAnswer = -1;
                    while (rs.next()) {
                        if (rs.getLong(1) != lastAnswer) {
                            voted++;
                            lastAnswer = rs.getLong(1);
                        }
                        votes++;
                        boolean up = rs.getInt(3) == 1;
                        helpful += up ? 1 : 0;
                        Tally tally = byQuestion.computeIfAbsent(key(rs.getString(2)), k -> new Tally());
                        tally.question = rs.getString(2);
                        tally.up += up ? 1 : 0;
                        tally.down += up ? 0 : 1;
                        String comment = rs.getString(4);
                        if (comment != null && !up) {
                            tally.comments.add(comment);
                        }
                    }
                }
            }
            List<DownVoted> downVoted = byQuestion.values().stream().filter(t -> t.down > 0)
                    .sorted(Comparator.comparingInt((Tally t) -> -t.down).thenComparingInt(t -> t.up))
                    .limit(top).map(t -> new DownVoted(t.question, t.down, t.up, t.comments)).toList();
            Map<String, Tally> declined = new LinkedHashMap<>();
            try (PreparedStatement p = db.prepareStatement(
                    "SELECT question FROM answers WHERE grounded = 0 AND at_ms >= ? ORDER BY id")) {
                p.setLong(1, since.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Tally tally = declined.computeIfAbsent(key(rs.getString(1)), k -> new Tally());
                        tally.question = rs.getString(1);
                        tally.down++;
                    }
                }
            }
            List<Declined> mostDeclined = declined.values().stream()
                    .sorted(Comparator.comparingInt((Tally t) -> -t.down)).limit(top)
                    .map(t -> new Declined(t.question, t.down)).toList();
            return new Report(answers, voted, helpful, votes, downVoted, mostDeclined);
        });
    }

    /** Counts for one question, however it was capitalised or punctuated. */
    private static final class Tally {
        String question = "";
        int up;
        int down;
        final List<String> comments = new ArrayList<>();
    }

    /** A question as compared with others: lower case, words only. */
    static String key(String question) {
        return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    @Override
    public void expire(Instant before) {
        database.write("deleting old questions and votes", db -> {
            try (PreparedStatement p = db.prepareStatement(
                    "DELETE FROM votes WHERE answer_id IN (SELECT id FROM answers WHERE at_ms < ?)")) {
                p.setLong(1, before.toEpochMilli());
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement("DELETE FROM answers WHERE at_ms < ?")) {
                p.setLong(1, before.toEpochMilli());
                p.executeUpdate();
            }
        });
    }
}
