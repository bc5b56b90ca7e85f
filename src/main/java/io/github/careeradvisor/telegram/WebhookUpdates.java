package io.github.careeradvisor.telegram;

import io.github.careeradvisor.inbox.UpdateInbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The webhook's half of {@link UpdatePoller}: checks the secret, reads the update, stores it in the inbox
 * and only then answers 200, so what was not stored Telegram sends again; the inbox keeps one copy of an
 * {@code update_id}, so a redelivered update is not answered twice. Closed (503, nothing stored) until the
 * bot has taken up what the last run left unanswered, and again once it stops.
 */
final class WebhookUpdates implements WebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookUpdates.class);

    private final byte[] secretDigest;
    private final UpdateInbox inbox;
    private final BotEvents events;
    private volatile @Nullable UpdateDispatcher dispatcher;
    private boolean closed;

    WebhookUpdates(String secret, UpdateInbox inbox, BotEvents events) {
        this.secretDigest = digest(secret.getBytes(StandardCharsets.UTF_8));
        this.inbox = inbox;
        this.events = events;
    }

    /** From now on updates are stored and handed to {@code answering}, unless it was closed: a stop is final. */
    synchronized void open(UpdateDispatcher answering) {
        if (!closed) {
            dispatcher = answering;
        }
    }

    /** From now on updates are refused with 503: Telegram keeps them for the next start. */
    synchronized void close() {
        closed = true;
        dispatcher = null;
    }

    @Override
    public int receive(@Nullable String secretHeader, byte[] body) {
        if (secretHeader == null || !matches(secretHeader)) {
            LOG.warn("a webhook request without the right secret was refused (401)");
            return 401;
        }
        UpdateDispatcher answering = dispatcher;
        if (answering == null) {
            return 503;
        }
        Update update;
        try {
            update = Updates.read(body);
        } catch (Exception e) { // IOException for what is not JSON, runtime exceptions for JSON of another shape
            LOG.warn("a webhook request that is not a Telegram update was refused (400): {}", e.getClass().getSimpleName());
            return 400;
        }
        if (update.getUpdateId() == null) {
            LOG.warn("a webhook request without an update_id was refused (400)");
            return 400;
        }
        UpdateInbox.Received received;
        try {
            received = Updates.received(update);
        } catch (RuntimeException e) {
            // Acknowledged but not kept, as the poller confirms it: otherwise Telegram would send it for hours.
            LOG.error("update {} could not be read ({}); skipped", update.getUpdateId(), e.getClass().getName());
            return 200;
        }
        List<UpdateInbox.Received> fresh;
        try {
            // No offset row to move: replicas storing at once would all queue on it (README, "Run at scale").
            fresh = inbox.receive(List.of(received), UpdateInbox.NO_OFFSET);
        } catch (RuntimeException e) {
            // Not stored, so not acknowledged: Telegram sends it again (README, "A full disk or a read-only data dir").
            LOG.error("storing update {} failed; Telegram will send it again: {}", update.getUpdateId(), e.getMessage());
            return 503;
        }
        for (UpdateInbox.Received r : fresh) {
            events.updateReceived();
            answering.dispatch(r, update);
        }
        return 200;
    }

    /** Compares digests in constant time, so neither the secret's bytes nor its length show in the timing. */
    private boolean matches(String candidate) {
        return MessageDigest.isEqual(secretDigest, digest(candidate.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
