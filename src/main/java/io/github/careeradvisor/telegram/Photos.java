package io.github.careeradvisor.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.careeradvisor.chart.Chart;
import io.github.careeradvisor.chart.ChartPainter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Sends an answer's chart as a photo. A chart is drawn once ({@link ChartPainter} keeps what it drew), and
 * once Telegram has taken it, the {@code file_id} Telegram gave it is sent instead of the picture. Both
 * are kept in this process's memory only: after a restart a chart is drawn and uploaded once again.
 */
final class Photos {

    private static final Logger LOG = LoggerFactory.getLogger(Photos.class);
    /** Charts whose file_id is kept: a chart's inputs are a level, or one person's progress. */
    static final int KEPT = 10_000;

    /** Tries of one chart: the text answer waits for them, and a picture is worth less than a prompt answer. */
    static final int MAX_TRIES = 3;
    /** The longest pause a chart is tried again after; Telegram's flood control may ask for minutes. */
    static final long MAX_PAUSE_MILLIS = 5_000;

    private final BotApi api;
    private final ChartPainter painter;
    private final Cache<Chart, String> fileIds = Caffeine.newBuilder().maximumSize(KEPT).executor(Runnable::run)
            .build();

    Photos(BotApi api, ChartPainter painter) {
        this.api = api;
        this.painter = painter;
    }

    /**
     * Tries once to send {@code chart} to the chat: by file_id if Telegram has it, else as a PNG. Returns
     * how many milliseconds to wait before try {@code attempt + 1} after a 429, 5xx or lost connection
     * (at most {@value #MAX_TRIES} tries, none after a pause over {@value #MAX_PAUSE_MILLIS} ms), or -1 when
     * it is done with: sent, refused, or out of tries. The caller sends the text answer after it either way.
     */
    long send(long chatId, Chart chart, @Nullable Integer replyTo, int attempt) {
        String known = fileIds.getIfPresent(chart);
        try {
            if (known != null) {
                try {
                    api.sendPhotoOnce(chatId, null, known, chart.caption(), replyTo);
                    return -1;
                } catch (TelegramApiException e) {
                    if (!BotApi.refused(e)) {
                        throw e;
                    }
                    fileIds.invalidate(chart); // Telegram no longer knows the file: upload it again
                }
            }
            String fileId = api.sendPhotoOnce(chatId, painter.png(chart), null, chart.caption(), replyTo);
            if (fileId != null) {
                fileIds.put(chart, fileId);
            }
            return -1;
        } catch (TelegramApiException e) {
            long pause = attempt < MAX_TRIES ? BotApi.retryPauseMillis(e, attempt) : -1;
            if (pause >= 0 && pause <= MAX_PAUSE_MILLIS) {
                LOG.info("sendPhoto in chat {} is tried again in {} ms: {}", chatId, pause, api.describe(e));
                return pause;
            }
            LOG.warn("sendPhoto failed in chat {}; the text answer goes alone: {}", chatId, api.describe(e));
            return -1;
        } catch (RuntimeException e) {
            LOG.warn("sendPhoto failed in chat {}; the text answer goes alone: {}", chatId, e.toString());
            return -1;
        }
    }
}
