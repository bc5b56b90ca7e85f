package io.github.careeradvisor.telegram;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Books sends so the bot stays inside Telegram's limits: each chat gets its own gap between messages,
 * and no second of the clock carries more than the overall budget. A chat waiting for its gap books
 * a later second and holds nobody else back. A chat's messages are sent one after another anyway, so
 * turns keep their order.
 */
final class SendPacer {

    private static final long SECOND = 1_000_000_000L;

    private final Pacing pacing;
    private final Map<Long, Long> nextInChat = new HashMap<>();
    /** Sends booked in each second of the clock (nanoseconds / SECOND) from now on. */
    private final TreeMap<Long, Integer> perSecond = new TreeMap<>();
    private int sweepAt = 10_000;

    private final LongSupplier clock;

    SendPacer(Pacing pacing) {
        this(pacing, System::nanoTime);
    }

    SendPacer(Pacing pacing, LongSupplier clock) {
        this.pacing = pacing;
        this.clock = clock;
    }

    /** Books {@code chatId}'s next message: how many nanoseconds from now it may be sent. */
    synchronized long reserve(long chatId, boolean group) {
        long now = clock.getAsLong();
        long gap = (group ? pacing.groupChatMillis() : pacing.privateChatMillis()) * 1_000_000;
        long slot = Math.max(now, nextInChat.getOrDefault(chatId, now));
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
        if (nextInChat.size() > sweepAt) {
            nextInChat.values().removeIf(t -> t < now); // forget chats that have been quiet
            sweepAt = Math.max(10_000, 2 * nextInChat.size());
        }
        return slot - now;
    }
}
