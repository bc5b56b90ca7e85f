package io.github.careeradvisor.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.knowledge.PayScale;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Charts drawn headless from the shipped salary guide and a made-up roadmap, read back as images. */
class ChartPainterTest {

    private static final PayScale SHIPPED = PayScale.load(Path.of("knowledge"));
    private final ChartPainter painter = new ChartPainter();

    static PayChart payChart(String highlighted) {
        return new PayChart(SHIPPED.file(), SHIPPED.bands(), highlighted, "Pay by level");
    }

    static ProgressChart progressChart(ProgressChart.State first) {
        return new ProgressChart(List.of(new ProgressChart.Topic("Programming in Python", 1, first),
                new ProgressChart.Topic("Statistics", 2, ProgressChart.State.LEARNING),
                new ProgressChart.Topic("Deep learning", 3, ProgressChart.State.TO_DO)), "Statistics", "Progress");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "the bytes are a PNG ImageIO can read");
        return image;
    }

    /** Distinct colours in a sample of pixels: a blank picture has one. */
    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void pay_chart_is_a_png_of_the_size_asked_for_and_not_blank() throws IOException {
        BufferedImage image = decode(painter.png(payChart("Mid-level"), 1000, 700));

        assertEquals(1000, image.getWidth());
        assertEquals(700, image.getHeight());
        assertTrue(colours(image) > 20, "colours: " + colours(image));
    }

    @Test
    void progress_chart_is_a_png_of_its_own_size_readable_on_a_phone() throws IOException {
        ProgressChart chart = progressChart(ProgressChart.State.DONE);

        BufferedImage image = decode(painter.png(chart));

        assertEquals(ChartPainter.WIDTH, image.getWidth());
        assertEquals(chart.height(), image.getHeight());
        assertTrue(image.getWidth() >= 800);
        assertTrue(colours(image) > 20, "colours: " + colours(image));
    }

    @Test
    void the_persons_level_is_highlighted_in_the_picture() throws IOException {
        BufferedImage mid = decode(painter.png(payChart("Mid-level"), 1000, 700));
        BufferedImage none = decode(painter.png(payChart(null), 1000, 700));

        assertTrue(count(mid, 0xffe0) > count(none, 0xffe0) + 1000,
                "highlight pixels: " + count(mid, 0xffe0) + " against " + count(none, 0xffe0));
    }

    /** Pixels whose red and green are near the highlight's (blended on white, its blue varies). */
    private static int count(BufferedImage image, int redGreen) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 8) & 0xffff) == redGreen || ((rgb >> 16) & 0xff) == 0xff && ((rgb >> 8) & 0xff) >= 0xe8
                        && ((rgb >> 8) & 0xff) <= 0xee && (rgb & 0xff) < 0xd0) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void a_chart_whose_inputs_did_not_change_is_drawn_once() {
        byte[] first = painter.png(progressChart(ProgressChart.State.DONE));
        byte[] again = painter.png(progressChart(ProgressChart.State.DONE));
        byte[] other = painter.png(progressChart(ProgressChart.State.SKIPPED));

        assertArrayEquals(first, again);
        assertTrue(painter.drawnCount() == 2, "drawn: " + painter.drawnCount());
        assertTrue(!java.util.Arrays.equals(first, other));
    }

    @Test
    void a_size_too_small_to_read_is_refused_naming_it() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> painter.png(payChart(null), 300, 700));

        assertEquals("chart size 300x700 is not between 400 and 4000 pixels a side", e.getMessage());
    }

    @Test
    void a_caption_over_telegrams_limit_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PayChart(SHIPPED.file(), SHIPPED.bands(), null, "x".repeat(1025)));

        assertEquals("a chart caption has 1 to 1024 characters, got 1025", e.getMessage());
    }
}
