/**
 * Charts as PNG pictures: pay by level and learning-path progress, drawn in-process with JFreeChart and
 * headless (no display, no network). The charts are plain records ({@link io.github.careeradvisor.chart.Chart})
 * the advisor builds from the knowledge and a profile; {@link io.github.careeradvisor.chart.ChartPainter}
 * turns one into PNG bytes. JFreeChart and AWT types stay inside this package; it may import only
 * {@code knowledge} (the pay ranges a chart shows).
 */
@NullMarked
package io.github.careeradvisor.chart;

import org.jspecify.annotations.NullMarked;
