package io.github.careeradvisor.chart;

import java.awt.Color;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Progress as JFreeChart draws it: one row per roadmap topic, in order and numbered by stage, its bar in
 * the colour of where the person is on it; the legend counts each.
 */
final class ProgressDrawing {

    private static final Map<ProgressChart.State, Color> COLOURS = Map.of(
            ProgressChart.State.DONE, new Color(0x2c, 0xa0, 0x2c),
            ProgressChart.State.LEARNING, new Color(0x1f, 0x77, 0xb4),
            ProgressChart.State.SKIPPED, new Color(0xb0, 0xb4, 0xba),
            ProgressChart.State.TO_DO, new Color(0xff, 0xb3, 0x47));

    private ProgressDrawing() {
    }

    /** "Stage 2 · Statistics". */
    static String row(ProgressChart.Topic topic) {
        return "Stage " + topic.stage() + " · " + topic.title();
    }

    static JFreeChart of(ProgressChart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        StackedBarRenderer bars = new StackedBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        int series = 0;
        for (ProgressChart.State state : ProgressChart.State.values()) {
            String key = state.label() + " (" + chart.count(state) + ")";
            for (ProgressChart.Topic topic : chart.topics()) {
                data.addValue(topic.state() == state ? 1 : 0, key, row(topic));
            }
            bars.setSeriesPaint(series++, COLOURS.get(state));
            bars.setDefaultLegendShape(new java.awt.Rectangle(0, 0, 22, 22));
        }
        CategoryAxis topics = new CategoryAxis();
        topics.setMaximumCategoryLabelWidthRatio(0.55f);
        topics.setMaximumCategoryLabelLines(2);
        topics.setCategoryMargin(0.25);
        NumberAxis none = new NumberAxis();
        none.setVisible(false);
        none.setRange(0, 1);
        CategoryPlot plot = new CategoryPlot(data, topics, none, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeGridlinesVisible(false);
        JFreeChart drawing = new JFreeChart("Your learning path", Style.TITLE, plot, true);
        Style.apply(drawing, chart.headline());
        Style.footnote(drawing, "The roadmap's order; a stage builds on those before it. /done TOPIC marks one.");
        return drawing;
    }
}
