package io.github.careeradvisor.chart;

import io.github.careeradvisor.knowledge.PayScale;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pay by level: every source's range for every level the salary guide gives, side by side, the
 * person's level highlighted.
 *
 * @param file the guide the figures come from, named on the chart
 * @param bands the levels in the guide's order, each with its sources' ranges
 * @param highlighted the title of the person's level's band, or null if their level is not known
 */
public record PayChart(String file, List<PayScale.Band> bands, @Nullable String highlighted, String caption)
        implements Chart {

    public PayChart {
        bands = List.copyOf(bands);
        caption = Chart.checkedCaption(caption);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a pay chart needs at least one level's ranges from " + file);
        }
        String title = highlighted;
        if (title != null && bands.stream().noneMatch(b -> b.title().equals(title))) {
            throw new IllegalArgumentException("highlighted level '" + title + "' is not one of the chart's levels");
        }
    }

    /** Every source named in a range, once. */
    public List<String> sources() {
        return bands.stream().flatMap(b -> b.ranges().stream()).map(PayScale.Range::source).distinct().toList();
    }

    @Override
    public int height() {
        return 900;
    }
}
