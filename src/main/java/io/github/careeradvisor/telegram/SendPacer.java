package io.github.careeradvisor.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.careeradvisor.replicas.SendSlots;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Books sends so the bot stays inside Telegram's limits: each chat gets its own gap between messages,
 * and no second of the clock carries more than the overall budget. A chat waiting for its gap books
 * a later second and holds nobody else back. A chat's messages are sent one after another anyway, so
 * turns keep their order.
 */
final class SendPacer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SendPacer.class);

    private static final long SECOND = 1_000_000_000L;
    /** Chats with a booking still ahead, at most: far more than Telegram's 30 sends a second can have booked. */
    static final long MAX_CHATS = 100_000;

    private final Pacing pacing;
    /**
     * Each chat's earliest next send (clock nanoseconds). An entry goes when that time has passed: the
     * chat may then send at once, as if it had never been seen.
     */
    private final Cache<Long, Long> nextInChat;
    /** Sends booked in each second of the clock (nanoseconds / SECOND) from now on. */
    private final TreeMap<Long, Integer> perSecond = new TreeMap<>();

    private final LongSupplier clock;
    /** The timetable replicas share, or null when this process sends alone. */
    private final @Nullable SendSlots shared;

    SendPacer(Pacing pacing) {
        this(pacing, System::nanoTime);
    }

    SendPacer(Pacing pacing, LongSupplier clock) {
        this(pacing, clock, null);
    }

    /** @param shared the timetable replicas share (README, "Run at scale"); null when this process sends alone */
    SendPacer(Pacing pacing, LongSupplier clock, @Nullable SendSlots shared) {
        this.pacing = pacing;
        this.clock = clock;
        this.shared = shared;
        // Upkeep runs on the calling thread (callers hold this lock anyway), on the same clock as the bookings.
        this.nextInChat = Caffeine.newBuilder().maximumSize(MAX_CHATS).expireAfter(UNTIL_DUE)
                .ticker(clock::getAsLong).executor(Runnable::run).build();
    }

    /** A booking lives until its time: then it no longer holds its chat back. */
    private static final Expiry<Long, Long> UNTIL_DUE = new Expiry<>() {
        @Override
        public long expireAfterCreate(Long chat, Long next, long now) {
            return Math.max(0, next - now);
        }

        @Override
        public long expireAfterUpdate(Long chat, Long next, long now, long left) {
            return Math.max(0, next - now);
        }

        @Override
        public long expireAfterRead(Long chat, Long next, long now, long left) {
            return left;
        }
    };

    /**
     * Books {@code chatId}'s next message: how many nanoseconds from now it may be sent. With replicas the
     * booking is made in their shared timetable too, after this process's own; if the database cannot
     * take it, this process's booking stands alone.
     */
    long reserve(long chatId, boolean group) {
        long local = reserveHere(chatId, group);
        SendSlots timetable = shared;
        if (timetable == null) {
            return local;
        }
        long nowMs = System.currentTimeMillis();
        long earliest = nowMs + local / 1_000_000;
        long gap = group ? pacing.groupChatMillis() : pacing.privateChatMillis();
        long botGap = pacing.perSecond() == Integer.MAX_VALUE ? 0 : 1_000 / pacing.perSecond();
        try {
            long slot = timetable.book(chatId, earliest, gap, botGap);
            long wait = Math.max(local, (slot - nowMs) * 1_000_000);
            hold(chatId, wait + gap * 1_000_000);
            return wait;
        } catch (RuntimeException e) {
            LOG.warn("booking a send in the shared timetable failed; this replica's own booking stands: {}",
                    e.getMessage());
            return local;
        }
    }

    private synchronized long reserveHere(long chatId, boolean group) {
        long now = clock.getAsLong();
        long gap = (group ? pacing.groupChatMillis() : pacing.privateChatMillis()) * 1_000_000;
        Long booked = nextInChat.getIfPresent(chatId);
        long slot = booked == null ? now : Math.max(now, booked);
        if (pacing.perSecond() != Integer.MAX_VALUE) {
            perSecond.headMap(Math.floorDiv(now, SECOND)).clear();
            long second = Math.floorDiv(slot, SECOND);
            while (perSecond.getOrDefault(second, 0) >= pacing.perSecond()) {
                second++;
            }
            perSecond.merge(second, 1, Integer::sum);
            slot = Math.max(slot, second * SECOND);
        }
        nextInChat.put(chatId, slot + gap);
        return slot - now;
    }

    /**
     * Keeps {@code chatId}'s next message back until {@code nanos} from now at the soonest: an edit of a
     * message waits out the gap between edits of it ({@link DraftMessage}).
     */
    synchronized void hold(long chatId, long nanos) {
        if (nanos <= 0) {
            return;
        }
        long until = clock.getAsLong() + nanos;
        Long booked = nextInChat.getIfPresent(chatId);
        nextInChat.put(chatId, booked == null ? until : Math.max(booked, until));
    }

    /** Chats with a booking still ahead. */
    synchronized long chats() {
        nextInChat.cleanUp();
        return nextInChat.estimatedSize();
    }
}
