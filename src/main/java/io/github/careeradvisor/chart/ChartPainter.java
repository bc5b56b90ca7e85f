package io.github.careeradvisor.chart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Draws a {@link Chart} as PNG bytes, headless. A chart drawn before at the same size is not drawn
 * again: up to {@value #KEPT} pictures are kept (in this process only, about 80 KB each), keyed by the
 * chart's value, so a chart whose inputs did not change comes from memory.
 */
public final class ChartPainter {

    /** Wide enough to read on a phone: Telegram shows a photo at up to 1280 px. */
    public static final int WIDTH = 1080;
    /** The smallest picture drawn: below this, the labels no longer fit. */
    public static final int MIN_SIZE = 400;
    public static final int MAX_SIZE = 4000;
    /** Pictures kept: every pay chart (one per level band), and the progress of the people asking lately. */
    public static final int KEPT = 64;

    static {
        // Set before any AWT class loads: no display is needed or looked for (also set in App.main).
        System.setProperty("java.awt.headless", "true");
    }

    private record Key(Chart chart, int width, int height) {
    }

    private final Cache<Key, byte[]> drawn = Caffeine.newBuilder().maximumSize(KEPT).executor(Runnable::run).build();
    private final java.util.concurrent.atomic.AtomicLong draws = new java.util.concurrent.atomic.AtomicLong();

    /** The chart at its own size: {@link #WIDTH} wide, {@link Chart#height()} high. */
    public byte[] png(Chart chart) {
        return png(chart, WIDTH, chart.height());
    }

    /** The chart as a PNG of {@code width} × {@code height} pixels. */
    public byte[] png(Chart chart, int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("chart size " + width + "x" + height + " is not between " + MIN_SIZE
                    + " and " + MAX_SIZE + " pixels a side");
        }
        return drawn.get(new Key(chart, width, height), k -> draw(k.chart(), k.width(), k.height())).clone();
    }

    /** How many pictures this painter has drawn, as opposed to taken from memory. */
    public long drawnCount() {
        return draws.get();
    }

    private byte[] draw(Chart chart, int width, int height) {
        draws.incrementAndGet();
        JFreeChart drawing = chart instanceof PayChart pay ? PayDrawing.of(pay)
                : ProgressDrawing.of((ProgressChart) chart);
        ByteArrayOutputStream png = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(png, drawing, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("drawing a " + width + "x" + height + " chart as PNG", e);
        }
        return png.toByteArray();
    }
}
