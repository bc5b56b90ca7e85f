package io.github.careeradvisor.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** The look both charts share: large type for a phone's screen, white ground, light grid. */
final class Style {

    static final String FONT = Font.SANS_SERIF;
    static final Font TITLE = new Font(FONT, Font.BOLD, 40);
    static final Font SUBTITLE = new Font(FONT, Font.PLAIN, 26);
    static final Font LABEL = new Font(FONT, Font.PLAIN, 26);
    static final Font BOLD_LABEL = new Font(FONT, Font.BOLD, 28);
    static final Font SMALL = new Font(FONT, Font.PLAIN, 22);
    static final Color INK = new Color(0x20, 0x24, 0x2a);
    static final Color GREY = new Color(0x6b, 0x72, 0x80);
    static final Color HIGHLIGHT = new Color(0xff, 0xe0, 0x82);

    private Style() {
    }

    static void apply(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(24, 24, 24, 24));
        chart.getTitle().setFont(TITLE);
        chart.getTitle().setPaint(INK);
        TextTitle sub = new TextTitle(subtitle, SUBTITLE);
        sub.setPaint(INK);
        sub.setMargin(8, 0, 16, 0);
        chart.addSubtitle(sub);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL);
            legend.setPosition(RectangleEdge.TOP);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(new Color(0xd0, 0xd4, 0xda));
        plot.setRangeGridlineStroke(new BasicStroke(1.5f));
        axis(plot.getDomainAxis());
        axis(plot.getRangeAxis());
    }

    private static void axis(Axis axis) {
        axis.setTickLabelFont(LABEL);
        axis.setTickLabelPaint(INK);
        axis.setLabelFont(LABEL);
        axis.setLabelPaint(GREY);
    }

    /** A note at the foot of the chart, e.g. where its figures come from. */
    static void footnote(JFreeChart chart, String text) {
        TextTitle note = new TextTitle(text, SMALL);
        note.setPaint(GREY);
        note.setPosition(RectangleEdge.BOTTOM);
        note.setMargin(16, 0, 0, 0);
        chart.addSubtitle(note);
    }
}
