package io.github.careeradvisor.telegram;

import java.util.HashMap;
import java.util.Map;

/**
 * Spaces sends so the bot stays inside Telegram's limits: each chat gets its own gap, and all chats
 * together share a per-second budget. A caller waits for its turn; a chat's messages are sent by one
 * worker at a time anyway, so waiting keeps their order.
 */
final class SendPacer {

    private final Pacing pacing;
    private final Map<Long, Long> nextInChat = new HashMap<>();
    private long nextGlobal;

    SendPacer(Pacing pacing) {
        this.pacing = pacing;
    }

    /** Blocks until {@code chatId} may send its next message. */
    void await(long chatId, boolean group) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long gap = (group ? pacing.groupChatMillis() : pacing.privateChatMillis()) * 1_000_000;
            long globalGap = pacing.perSecond() == Integer.MAX_VALUE ? 0 : 1_000_000_000L / pacing.perSecond();
            long slot = Math.max(now, Math.max(nextInChat.getOrDefault(chatId, now), nextGlobal));
            nextInChat.put(chatId, slot + gap);
            nextGlobal = slot + globalGap;
            wait = slot - now;
            if (nextInChat.size() > 10_000) {
                nextInChat.values().removeIf(t -> t < now); // forget chats that have been quiet
            }
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
