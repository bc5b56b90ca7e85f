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

    private final BotApi api;
    private final ChartPainter painter;
    private final Cache<Chart, String> fileIds = Caffeine.newBuilder().maximumSize(KEPT).executor(Runnable::run)
            .build();

    Photos(BotApi api, ChartPainter painter) {
        this.api = api;
        this.painter = painter;
    }

    /**
     * Sends {@code chart} to the chat once: by file_id if Telegram has it, else as a PNG. Returns false if
     * Telegram refused it or could not be reached; the caller sends the text either way, so nothing is
     * retried here.
     */
    boolean send(long chatId, Chart chart, @Nullable Integer replyTo) {
        String known = fileIds.getIfPresent(chart);
        try {
            if (known != null) {
                try {
                    api.sendPhotoOnce(chatId, null, known, chart.caption(), replyTo);
                    return true;
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
            return true;
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("sendPhoto failed in chat {}; the text answer goes alone: {}", chatId, api.describe(e));
            return false;
        }
    }
}
