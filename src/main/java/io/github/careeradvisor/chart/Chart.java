package io.github.careeradvisor.chart;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A picture an answer can carry: what to draw and the caption that goes with it. A value: two charts
 * with the same inputs are equal, so a drawn picture (and the file Telegram keeps of it) can be reused.
 * Stored as JSON with the bot's reply journal, tagged by {@code kind}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = PayChart.class, name = "pay"),
        @JsonSubTypes.Type(value = ProgressChart.class, name = "progress")})
public sealed interface Chart permits PayChart, ProgressChart {

    /** Telegram's limit on a photo's caption, in characters. */
    int MAX_CAPTION = 1024;

    /** What the picture shows, in words: the key figure and where it comes from. */
    String caption();

    /** The height that suits the chart at {@link ChartPainter#WIDTH}, in pixels. */
    int height();

    static String checkedCaption(String caption) {
        if (caption.isBlank() || caption.length() > MAX_CAPTION) {
            throw new IllegalArgumentException("a chart caption has 1 to " + MAX_CAPTION + " characters, got "
                    + caption.length());
        }
        return caption;
    }
}
