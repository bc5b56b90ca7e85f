package io.github.careeradvisor.profile;

import java.util.List;

/**
 * The bot's durable inbox: every update from Telegram is stored here before Telegram is told it was
 * received, and marked answered once its reply went out. A restart answers what was stored but not
 * answered, and never an update already answered. Message texts are kept only until the answer.
 */
public interface UpdateInbox {

    /** One update as received: its id, its chat and sender, and the update itself as Telegram sent it. */
    record Received(long updateId, long chatId, long userId, String payload) {
    }

    /** The offset to ask Telegram for next: every update below it is stored here. */
    long nextOffset();

    /**
     * Stores a batch and moves the offset past it, in one transaction. Returns the updates that were
     * new: one already stored (answered or not) is not handed out twice.
     */
    List<Received> receive(List<Received> batch, long nextOffset);

    /** The reply went out (or no reply is due): the update is done, and its text is dropped. */
    void answered(long updateId);

    /** Stored updates not answered yet, oldest first: what a crash interrupted. */
    List<Received> unanswered();
}
