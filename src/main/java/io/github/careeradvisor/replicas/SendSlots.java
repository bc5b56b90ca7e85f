package io.github.careeradvisor.replicas;

import io.github.careeradvisor.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The next time each chat, and the bot as a whole, may send, kept in the shared database so replicas
 * book their sends in one timetable: a chat's gap and the bot's overall rate hold even when two
 * replicas answer the same chat one after another. One booking is one short transaction.
 */
public final class SendSlots {

    /** The row of the bot as a whole; Telegram never gives a chat the id 0. */
    static final long WHOLE_BOT = 0;

    private final Database database;

    public SendSlots(Database database) {
        this.database = database;
    }

    /**
     * Books a send in {@code chatId} at {@code earliestMs} (epoch milliseconds) or later: after the chat's
     * last booking by {@code chatGapMs} and after the bot's last by {@code botGapMs}. Returns the time
     * booked, from which the chat's next send is {@code chatGapMs} away.
     */
    public long book(long chatId, long earliestMs, long chatGapMs, long botGapMs) {
        long[] slot = {earliestMs};
        database.write("booking a send in chat " + chatId, db -> {
            long chatSlot = advance(db, chatId, earliestMs, chatGapMs);
            long botSlot = botGapMs <= 0 ? chatSlot : advance(db, WHOLE_BOT, chatSlot, botGapMs);
            if (botSlot > chatSlot) {
                // Sent later than the chat's own turn: its next send is a gap after this one really goes.
                advance(db, chatId, botSlot, chatGapMs);
            }
            slot[0] = botSlot;
        });
        return slot[0];
    }

    /**
     * Takes the first time at or after {@code earliest} that {@code row}'s timetable allows, books it,
     * and moves the row's next free time {@code gap} past it. The row is locked until the transaction ends.
     */
    private static long advance(java.sql.Connection db, long row, long earliest, long gap) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO send_slots (chat_id, next_at_ms) VALUES (?, ?) "
                + "ON CONFLICT (chat_id) DO UPDATE SET next_at_ms = CASE WHEN send_slots.next_at_ms > ? "
                + "THEN send_slots.next_at_ms ELSE ? END + ? RETURNING next_at_ms")) {
            p.setLong(1, row);
            p.setLong(2, earliest + gap);
            p.setLong(3, earliest);
            p.setLong(4, earliest);
            p.setLong(5, gap);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) - gap;
            }
        }
    }

    /** Forgets the timetables of chats that have not sent since {@code beforeMs}: they may send at once anyway. */
    public void prune(long beforeMs) {
        database.write("pruning the send timetable", db -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM send_slots WHERE next_at_ms < ?")) {
                p.setLong(1, beforeMs);
                p.executeUpdate();
            }
        });
    }
}
