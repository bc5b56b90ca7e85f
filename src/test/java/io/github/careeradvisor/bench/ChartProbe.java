package io.github.careeradvisor.bench;

import io.github.careeradvisor.advisor.Pictures;
import io.github.careeradvisor.chart.Chart;
import io.github.careeradvisor.chart.ChartPainter;
import io.github.careeradvisor.knowledge.PayScale;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.TopicStatus;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the charts cost: milliseconds to draw each (the first in a fresh JVM, then p50 of drawing it anew
 * and of taking it from the painter's memory), its PNG's size, and the heap they add (AWT and JFreeChart
 * loaded, and each picture kept). Run as BENCHMARKS.md says; writes its own section there.
 */
public final class ChartProbe {

    static final String HEADING = "## Charts: time to draw and memory";
    private static final int ROUNDS = 40;

    private ChartProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path knowledge = Path.of(args.length > 1 ? args[1] : "knowledge");
        Roadmap roadmap = Roadmap.load(knowledge);
        Chart pay = Pictures.pay(PayScale.load(knowledge), Level.JUNIOR).orElseThrow();
        Profile some = Profile.empty(1).withProgress(Map.of(roadmap.ids().get(0), TopicStatus.DONE,
                roadmap.ids().get(1), TopicStatus.LEARNING));
        Chart progress = Pictures.progress(roadmap, some);

        long before = usedHeap();
        StringBuilder table = new StringBuilder("| chart | size (px) | PNG | first draw in the JVM | p50 drawn anew | "
                + "p50 from memory |\n|---|---|---|---|---|---|\n");
        ChartPainter keeping = new ChartPainter();
        for (Chart chart : List.of(pay, progress)) {
            long start = System.nanoTime();
            byte[] png = keeping.png(chart);
            double first = (System.nanoTime() - start) / 1e6;
            List<Double> anew = new ArrayList<>();
            List<Double> kept = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                ChartPainter fresh = new ChartPainter(); // nothing drawn yet: the chart is drawn
                long t = System.nanoTime();
                fresh.png(chart);
                anew.add((System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                keeping.png(chart);
                kept.add((System.nanoTime() - t) / 1e6);
            }
            table.append(String.format(Locale.ROOT, "| %s | %dx%d | %d KB | %.0f ms | %.1f ms | %.3f ms |%n",
                    chart instanceof io.github.careeradvisor.chart.PayChart ? "pay by level" : "progress",
                    ChartPainter.WIDTH, chart.height(), png.length / 1024, first, median(anew), median(kept)));
        }
        long after = usedHeap();
        // Pictures kept: a painter holding one picture per person, as the bot's would after many /progress.
        ChartPainter many = new ChartPainter();
        int people = ChartPainter.KEPT;
        long beforeMany = usedHeap();
        for (int p = 0; p < people; p++) {
            Map<String, TopicStatus> done = new java.util.HashMap<>();
            for (int i = 0; i < roadmap.ids().size(); i++) {
                if ((p >> i & 1) == 1) { // the bits of p: every person's progress differs
                    done.put(roadmap.ids().get(i), TopicStatus.DONE);
                }
            }
            many.png(Pictures.progress(roadmap, Profile.empty(p).withProgress(done)));
        }
        long afterMany = usedHeap();
        String section = HEADING + "\n\n"
                + "`java -cp target/career-advisor.jar:target/test-classes io.github.careeradvisor.bench.ChartProbe` "
                + "(after `mvn -B -q -DskipTests package`; headless, one thread, " + ROUNDS + " rounds). \"Drawn anew\" "
                + "is a painter that has not drawn the chart (JVM warm); \"from memory\" is the painter handing back the "
                + "picture it kept, which is what a chart whose inputs did not change costs. On Telegram a chart sent "
                + "before goes by its file_id, so it is neither drawn nor uploaded again. Load average while it ran: "
                + CacheProbe.loadAverage() + ".\n\n" + table
                + String.format(Locale.ROOT, "%nHeap the charts add (used heap after a full GC): %.1f MB once AWT and "
                        + "JFreeChart are loaded and both charts drawn; %.1f KB a picture kept (%d different progress "
                        + "charts, %.1f MB). The painter keeps at most %d pictures, so its memory is bounded; the "
                        + "bot's file_id map holds short strings only.%n",
                        (after - before) / 1e6, (afterMany - beforeMany) / 1024.0 / people, people,
                        (afterMany - beforeMany) / 1e6, ChartPainter.KEPT);
        System.out.print(section);
        Path out = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        String old = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        Files.writeString(out, Sections.replace(old, HEADING, section), StandardCharsets.UTF_8);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
