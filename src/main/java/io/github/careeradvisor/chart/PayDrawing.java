package io.github.careeradvisor.chart;

import io.github.careeradvisor.knowledge.PayScale;
import java.awt.Color;
import java.awt.Paint;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;

/**
 * Pay by level as JFreeChart draws it: a row of bars per level, one bar per source from the bottom to
 * the top of its range, labelled with the range as the source gives it. A range with no top ("more
 * than $200,000") runs to the axis's end.
 */
final class PayDrawing {

    private static final Paint[] SOURCES = {new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e),
            new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd)};
    /** Room right of the highest figure: for the labels, and so an open range shows as running on. */
    private static final double OPEN_END = 1.75;

    private PayDrawing() {
    }

    /** The category label of a band: the person's own level is marked in words as well as in colour. */
    static String label(PayChart chart, PayScale.Band band) {
        return band.title().equals(chart.highlighted()) ? band.title() + " — you" : band.title();
    }

    static JFreeChart of(PayChart chart) {
        List<String> sources = chart.sources();
        List<PayScale.Band> bands = chart.bands();
        long top = bands.stream().flatMap(b -> b.ranges().stream())
                .mapToLong(r -> r.high() != null ? r.high() : r.low()).max().orElse(1);
        double axisTop = top * OPEN_END;
        Number[][] starts = new Number[sources.size()][bands.size()];
        Number[][] ends = new Number[sources.size()][bands.size()];
        String[][] labels = new String[sources.size()][bands.size()];
        for (int b = 0; b < bands.size(); b++) {
            for (PayScale.Range range : bands.get(b).ranges()) {
                int s = sources.indexOf(range.source());
                starts[s][b] = range.low();
                ends[s][b] = range.high() != null ? range.high() : axisTop;
                labels[s][b] = range.label();
            }
        }
        Comparable<?>[] categories = bands.stream().map(b -> label(chart, b)).toArray(Comparable[]::new);
        DefaultIntervalCategoryDataset data = new DefaultIntervalCategoryDataset(
                sources.toArray(Comparable[]::new), categories, starts, ends);

        // A closed range's label goes right of its bar; an open one runs to the axis's end, its label inside it.
        ItemLabelPosition right = new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT);
        ItemLabelPosition inside = new ItemLabelPosition(ItemLabelAnchor.INSIDE9, TextAnchor.CENTER_LEFT);
        IntervalBarRenderer bars = new IntervalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public ItemLabelPosition getPositiveItemLabelPosition(int row, int column) {
                return ends[row][column] != null && ends[row][column].doubleValue() == axisTop ? inside : right;
            }

            @Override
            public java.awt.Paint getItemLabelPaint(int row, int column) {
                return getPositiveItemLabelPosition(row, column) == inside ? Color.WHITE : Style.INK;
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.1);
        for (int s = 0; s < sources.size(); s++) {
            bars.setSeriesPaint(s, SOURCES[s % SOURCES.length]);
        }
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            private static final long serialVersionUID = 1L;

            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                return labels[row][column];
            }
        });
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(Style.SMALL);
        bars.setDefaultLegendShape(new java.awt.Rectangle(0, 0, 22, 22));

        NumberAxis money = new NumberAxis(PayScale.CURRENCY);
        money.setRange(0, axisTop);
        money.setNumberFormatOverride(NumberFormat.getCurrencyInstance(Locale.US));
        ((java.text.DecimalFormat) money.getNumberFormatOverride()).setMaximumFractionDigits(0);
        CategoryAxis levels = new CategoryAxis();
        levels.setMaximumCategoryLabelLines(3);
        levels.setMaximumCategoryLabelWidthRatio(0.22f);
        levels.setCategoryMargin(0.3);
        CategoryPlot plot = new CategoryPlot(data, levels, money, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        String own = chart.highlighted();
        if (own != null) {
            CategoryMarker marker = new CategoryMarker(own + " — you", Style.HIGHLIGHT, new java.awt.BasicStroke(1f));
            marker.setDrawAsLine(false);
            marker.setAlpha(0.6f);
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
        JFreeChart drawing = new JFreeChart("ML engineer pay by level", Style.TITLE, plot, true);
        Style.apply(drawing, "Each source's range in " + PayScale.CURRENCY + ", never averaged");
        if (own != null) {
            levels.setTickLabelFont(own + " — you", Style.BOLD_LABEL);
        }
        Style.footnote(drawing, "Sources: " + String.join("; ", sources) + " (" + chart.file() + ")");
        return drawing;
    }
}
