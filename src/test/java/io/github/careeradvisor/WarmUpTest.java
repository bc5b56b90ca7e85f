package io.github.careeradvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up on its own thread: it answers nobody, and closing it leaves nothing running under a closed database. */
class WarmUpTest {

    @TempDir
    Path data;

    @Test
    void closing_it_mid_way_stops_it_after_the_message_it_is_on_and_leaves_no_rows() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (App.Started started = start(warnings)) {
            WarmUp warming = new WarmUp(started.advisor(), warnings::add);
            long deadline = System.currentTimeMillis() + 60_000;
            while (rows(started) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5); // until it has said something
            }
            assertTrue(rows(started) > 0, "the warm-up wrote its first turn");
            warming.close();

            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("warm-up") && t.isAlive()), "the warm-up thread ended");
            assertEquals(0L, rows(started), "the warm-up's conversation and any profile are gone");
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void a_failing_warm_up_is_a_warning_not_a_crash() throws Exception {
        List<String> warnings = new ArrayList<>();
        App.Started started = start(new ArrayList<>());
        started.close(); // the database is gone before the warm-up writes its first turn
        new WarmUp(started.advisor(), warnings::add).close(); // waits for the thread to end

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("warning: the warm-up stopped ("), warnings.get(0));
    }

    @Test
    void the_bots_warm_up_waits_for_begin_and_never_starts_once_closed() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (App.Started started = start(warnings)) {
            WarmUp waiting = WarmUp.later(started.advisor(), warnings::add);
            Thread.sleep(200);
            assertEquals(0L, rows(started), "nothing before begin()");
            waiting.close();
            waiting.begin();
            Thread.sleep(200);
            assertEquals(0L, rows(started), "closed first: begin() starts nothing");
            assertFalse(warmUpRunning());

            WarmUp begun = WarmUp.later(started.advisor(), warnings::add);
            begun.begin();
            long deadline = System.currentTimeMillis() + 60_000;
            while (rows(started) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(rows(started) > 0, "begun, it writes its turns");
            begun.close();
            assertFalse(warmUpRunning());
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    private static boolean warmUpRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("warm-up") && t.isAlive());
    }

    private static long rows(App.Started started) {
        return started.database().<Long>read("counting rows", c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT (SELECT count(*) FROM dialogue) + (SELECT count(*) FROM profiles)")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The shipped guides over a data dir of this test's, with the shared test data dir's vectors (no embedding). */
    private App.Started start(List<String> warnings) throws Exception {
        TestAdvisors.shipped(); // the shared data dir is made, its vectors embedded, by the first test that needs it
        try (var embeddings = Files.list(TestAdvisors.SHIPPED_DATA_DIR)) {
            for (Path file : embeddings.filter(f -> f.getFileName().toString().startsWith("embeddings-")).toList()) {
                Files.copy(file, data.resolve(file.getFileName()));
            }
        }
        return App.start(TestAdvisors.settings(Path.of("knowledge"), data), TestAdvisors.embedder(), warnings::add);
    }
}
