package io.github.careeradvisor.inbox;

import io.github.careeradvisor.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;

/** The bot's inbox and reply journal in the bot's {@link Database}, next to the profiles. */
public final class SqlInbox implements UpdateInbox {

    /** Answered updates kept for spotting a repeat after a restart; older ones are pruned. */
    static final int KEEP_ANSWERED = 10_000;

    private final Database database;

    /** The journal in {@code database}, which the caller opened and closes. */
    public SqlInbox(Database database) {
        this.database = database;
    }

    @Override
    public long nextOffset() {
        return database.read("reading the update offset", db -> {
            // The poller's offset, or past the newest update stored, which is where webhook mode leaves it.
            try (PreparedStatement p = db.prepareStatement("SELECT coalesce(max(n), 0) FROM (SELECT CAST(value AS BIGINT) "
                    + "AS n FROM bot_state WHERE key = 'offset' UNION ALL SELECT max(update_id) + 1 FROM inbox) o");
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public List<Received> receive(List<Received> batch, long nextOffset) {
        List<Received> fresh = new ArrayList<>();
        database.write("storing " + batch.size() + " updates", db -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO inbox (update_id, chat_id, user_id, "
                    + "payload, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (update_id) DO NOTHING")) {
                for (Received r : batch) {
                    p.setLong(1, r.updateId());
                    p.setLong(2, r.chatId());
                    p.setLong(3, r.userId());
                    p.setString(4, r.payload());
                    p.setString(5, Instant.now().toString());
                    if (p.executeUpdate() == 1) {
                        fresh.add(r);
                    }
                }
            }
            if (nextOffset == NO_OFFSET) {
                return; // one row every replica's webhook would queue on: the newest update stored says as much
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO bot_state (key, value) VALUES ('offset', ?) "
                    + "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE CAST(bot_state.value AS BIGINT) < CAST(excluded.value AS BIGINT)")) {
                p.setString(1, Long.toString(nextOffset));
                p.executeUpdate();
            }
        });
        return fresh;
    }

    @Override
    public void replying(long updateId, String reply) {
        setWhileUnanswered("storing the reply to update " + updateId, "reply = ?, parts_sent = 0", reply, updateId);
    }

    @Override
    public void sent(long updateId, int partsSent, boolean all) {
        if (all) {
            answered(updateId);
        } else {
            setWhileUnanswered("recording a sent part of the reply to update " + updateId, "parts_sent = ?", partsSent,
                    updateId);
        }
    }

    /** Sets a column or two of an update not answered yet; {@code value} fills the one placeholder. */
    private void setWhileUnanswered(String doing, String assignments, Object value, long updateId) {
        database.write(doing, db -> {
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE inbox SET " + assignments + " WHERE update_id = ? AND answered_at IS NULL")) {
                p.setObject(1, value);
                p.setLong(2, updateId);
                p.executeUpdate();
            }
        });
    }

    @Override
    public void answered(long updateId) {
        long[] sender = {0, 0}; // who sent it, and how many of theirs are still unanswered
        database.write("marking update " + updateId + " answered", db -> {
            try (PreparedStatement p = db.prepareStatement("SELECT user_id, (SELECT count(*) FROM inbox o WHERE "
                    + "o.user_id = i.user_id AND o.answered_at IS NULL) FROM inbox i WHERE update_id = ? AND answered_at IS NULL")) {
                p.setLong(1, updateId);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        sender[0] = rs.getLong(1);
                        sender[1] = rs.getLong(2) - 1;
                    }
                }
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE inbox SET answered_at = ?, payload = '', "
                    + "reply = NULL, chat_id = 0, user_id = 0 WHERE update_id = ? AND answered_at IS NULL")) {
                p.setString(1, Instant.now().toString());
                p.setLong(2, updateId);
                p.executeUpdate();
            }
            if (updateId % 500 == 0) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM inbox WHERE answered_at IS NOT NULL AND "
                        + "update_id < (SELECT max(update_id) FROM inbox) - ?")) {
                    p.setLong(1, KEEP_ANSWERED);
                    p.executeUpdate();
                }
            }
        });
        if (sender[0] != 0 && sender[1] == 0) {
            // The last of a forgotten person's updates (their /forget, usually) let go of: no copy stays.
            database.scrubIfErased(sender[0]);
        }
    }

    @Override
    public List<Unanswered> unanswered() {
        return database.read("reading the unanswered updates", SqlInbox::selectUnanswered);
    }

    @Override
    public List<Unanswered> resume() {
        List<Unanswered> out = new ArrayList<>();
        database.write("taking up the unanswered updates", db -> {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("UPDATE inbox SET starts = starts + 1 WHERE answered_at IS NULL");
            }
            out.addAll(selectUnanswered(db));
        });
        return out;
    }

    @Override
    public Backlog backlog() {
        return database.read("counting the unanswered updates", db -> {
            try (PreparedStatement p = db.prepareStatement("SELECT count(*), (SELECT received_at FROM inbox WHERE "
                    + "answered_at IS NULL ORDER BY update_id LIMIT 1) FROM inbox WHERE answered_at IS NULL");
                    ResultSet rs = p.executeQuery()) {
                rs.next();
                String oldest = rs.getString(2);
                return new Backlog(rs.getInt(1), oldest == null ? null : Instant.parse(oldest));
            }
        });
    }

    @Override
    public boolean shared() {
        return database.shared();
    }

    @Override
    public List<Unanswered> claim(String owner, int max, Duration lease) {
        List<Unanswered> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        database.write("claiming updates to answer", db -> {
            long now = System.currentTimeMillis();
            List<Long> ids = new ArrayList<>();
            // Only the head of each chat: an update with an earlier one of its chat still unanswered waits,
            // whoever holds that one. Rows another transaction is claiming now are passed over (PostgreSQL).
            try (PreparedStatement p = db.prepareStatement("SELECT update_id FROM inbox i WHERE answered_at IS NULL "
                    + "AND (lease_until_ms IS NULL OR lease_until_ms < ?) AND NOT EXISTS (SELECT 1 "
                    + "FROM inbox e WHERE e.chat_id = i.chat_id AND e.answered_at IS NULL AND e.update_id < i.update_id) "
                    + "ORDER BY update_id LIMIT ?" + database.dialect().skipLocked())) {
                p.setLong(1, now);
                p.setInt(2, max);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE inbox SET claimed_by = ?, lease_until_ms = ?, "
                    + "starts = starts + 1 WHERE update_id = ?")) {
                for (long id : ids) {
                    p.setString(1, owner);
                    p.setLong(2, now + lease.toMillis());
                    p.setLong(3, id);
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = db.prepareStatement("SELECT update_id, chat_id, user_id, payload, reply, "
                    + "parts_sent, starts FROM inbox WHERE update_id = ?")) {
                for (long id : ids) {
                    p.setLong(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            out.add(unanswered(rs));
                        }
                    }
                }
            }
        });
        return out;
    }

    @Override
    public void renew(String owner, Collection<Long> updateIds, Duration lease) {
        if (updateIds.isEmpty()) {
            return;
        }
        database.write("renewing " + updateIds.size() + " claims", db -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE inbox SET lease_until_ms = ? WHERE update_id = ? "
                    + "AND claimed_by = ? AND answered_at IS NULL")) {
                for (long id : updateIds) {
                    p.setLong(1, System.currentTimeMillis() + lease.toMillis());
                    p.setLong(2, id);
                    p.setString(3, owner);
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    @Override
    public void release(String owner) {
        database.write("letting go of the claims of a stopping process", db -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE inbox SET claimed_by = NULL, lease_until_ms = NULL "
                    + "WHERE claimed_by = ? AND answered_at IS NULL")) {
                p.setString(1, owner);
                p.executeUpdate();
            }
        });
    }

    private static Unanswered unanswered(ResultSet rs) throws SQLException {
        return new Unanswered(new Received(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)),
                rs.getString(5), rs.getInt(6), rs.getInt(7));
    }

    private static List<Unanswered> selectUnanswered(Connection db) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT update_id, chat_id, user_id, payload, reply, parts_sent, "
                + "starts FROM inbox WHERE answered_at IS NULL ORDER BY update_id"); ResultSet rs = p.executeQuery()) {
            List<Unanswered> out = new ArrayList<>();
            while (rs.next()) {
                out.add(unanswered(rs));
            }
            return out;
        }
    }
}
