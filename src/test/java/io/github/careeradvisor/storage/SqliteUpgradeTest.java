package io.github.careeradvisor.storage;

import static io.github.careeradvisor.storage.StoreContract.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.DialogueTurn;
import io.github.careeradvisor.profile.FeedbackStore;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.SqlProfileStore;
import io.github.careeradvisor.profile.TopicStatus;
import io.github.careeradvisor.profile.Weekly;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file the current release wrote (schema version 8, kept in {@code PRAGMA user_version},
 * before Flyway: {@code advisor-release-v8.db}) opened by today's code: upgraded in place with every row
 * as it was, and a file from a newer release refused untouched.
 */
class SqliteUpgradeTest {

    private static final String RELEASE_V8 = "/storage/advisor-release-v8.db";
    /** The payloads of the two updates the release left unanswered, as Telegram sent them. */
    private static final String UPDATE_501 = "{\"update_id\":501,\"message\":{\"message_id\":2,\"date\":1764936001,"
            + "\"chat\":{\"id\":1002,\"type\":\"private\"},\"from\":{\"id\":1002,\"is_bot\":false,\"first_name\":\"B\"},"
            + "\"text\":\"what should I learn next?\"}}";
    private static final String UPDATE_502 = "{\"update_id\":502,\"message\":{\"message_id\":3,\"date\":1764936002,"
            + "\"chat\":{\"id\":1001,\"type\":\"private\"},\"from\":{\"id\":1001,\"is_bot\":false,\"first_name\":\"A\"},"
            + "\"text\":\"thanks\"}}";

    @TempDir
    Path data;

    @BeforeEach
    void theReleasesFileInTheDataDir() throws Exception {
        try (InputStream in = SqliteUpgradeTest.class.getResourceAsStream(RELEASE_V8)) {
            Files.copy(in, data.resolve(SqliteDatabase.FILE));
        }
        assertEquals(8, DatabaseFile.count(data, "PRAGMA user_version"), "the file as the release left it");
        assertEquals(0, DatabaseFile.count(data, "SELECT count(*) FROM sqlite_master WHERE name = '" + Migrations.HISTORY + "'"));
    }

    @Test
    void a_release_v8_file_is_upgraded_in_place_with_every_row_as_it_was_and_a_second_open_changes_nothing() {
        List<String> afterFirstOpen;
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            assertEquals(Migrations.LATEST, database.schemaVersion());
            assertEquals(List.of("8 BASELINE schema versioned by PRAGMA user_version 1"),
                    rows(database, "SELECT version, type, description, success FROM " + Migrations.HISTORY
                            + " WHERE type = 'BASELINE'"));
            assertEquals(List.of("9 1"), rows(database, "SELECT version, success FROM " + Migrations.HISTORY
                    + " WHERE installed_rank > (SELECT installed_rank FROM " + Migrations.HISTORY + " WHERE type = 'BASELINE')"));
            assertEverythingAsTheReleaseLeftIt(database);
            afterFirstOpen = everyRow(database);
        }
        try (SqliteDatabase again = SqliteDatabase.open(data)) {
            assertEquals(Migrations.LATEST, again.schemaVersion());
            assertEquals(afterFirstOpen, everyRow(again), "the second open changed nothing, the schema history included");
            assertEverythingAsTheReleaseLeftIt(again);

            // And the upgraded file goes on working: a new answer does not take an id the release gave.
            long next = new SqlProfileStore(again).feedback().answered(1001, 1001, "and in Europe?", true, Instant.now());
            assertEquals(3, next);
            assertEquals(List.of(), new SqlInbox(again).receive(List.of(new UpdateInbox.Received(500, 1, 1, "{}")), 501),
                    "an update the release answered is not new again");
        }
    }

    private static void assertEverythingAsTheReleaseLeftIt(Database database) {
        SqlProfileStore profiles = new SqlProfileStore(database);
        assertEquals(new Profile(1001, Level.JUNIOR, "data engineer", 8, "become an ML engineer at a bank", Cloud.GCP, 6,
                Map.of("python", TopicStatus.DONE, "statistics", TopicStatus.LEARNING, "docker", TopicStatus.SKIPPED)),
                profiles.load(1001));
        assertEquals(new Profile(1002, Level.STUDENT, null, null, null, null, null, Map.of()), profiles.load(1002));

        assertEquals(List.of(
                new DialogueTurn(Instant.ofEpochMilli(1_796_472_000_000L), "how much does a junior ML engineer earn?",
                        "salary", Map.of("level", "junior"), List.of("salaries.md#junior"), List.of(), false),
                new DialogueTurn(Instant.ofEpochMilli(1_796_472_020_000L), "and seniors?", "salary",
                        Map.of("level", "senior"), List.of("salaries.md#senior"), List.of(), false)),
                profiles.dialogue().recent(1001, 1001, Instant.EPOCH));

        FeedbackStore.Report report = profiles.feedback().report(Instant.EPOCH, 10);
        assertEquals(new FeedbackStore.Report(2, 2, 1, 2,
                List.of(new FeedbackStore.DownVoted("how much does a junior ML engineer earn?", 1, 0,
                        List.of("I wanted figures for Europe"))),
                List.of(new FeedbackStore.Declined("what is the best pizza?", 1))), report);
        assertEquals(List.of("1 1001 1001 0 1796472030000 I wanted figures for Europe 1 1796472030000",
                "2 1002 1002 1 1796472040000 null 0 null"), rows(database, "SELECT answer_id, user_id, chat_id, helpful, "
                        + "at_ms, comment, comment_asked, comment_wanted_at_ms FROM votes ORDER BY answer_id"),
                "the votes as given, the 👎 with its comment");
        assertEquals(List.of("1 1001 1001 1 1796472000000", "2 1002 1002 0 1796472000000"),
                rows(database, "SELECT id, user_id, chat_id, grounded, at_ms FROM answers ORDER BY id"));

        assertEquals(Optional.of(new Weekly(DayOfWeek.WEDNESDAY, LocalTime.of(19, 30), ZoneOffset.ofHours(2))),
                profiles.reminders().get(1001));
        assertEquals(Optional.empty(), profiles.reminders().get(1002));
        assertEquals(List.of("1001 1001 1796837400000"), rows(database, "SELECT user_id, chat_id, next_at_ms FROM reminders"));

        SqlInbox inbox = new SqlInbox(database);
        assertEquals(503, inbox.nextOffset());
        assertEquals(List.of(
                new UpdateInbox.Unanswered(new UpdateInbox.Received(501, 1002, 1002, UPDATE_501), "{\"parts\":[]}", 0, 0),
                new UpdateInbox.Unanswered(new UpdateInbox.Received(502, 1001, 1001, UPDATE_502), null, 0, 0)),
                inbox.unanswered());
        assertEquals(List.of("500 0 0  null"), rows(database, "SELECT update_id, chat_id, user_id, payload, reply FROM inbox "
                + "WHERE answered_at IS NOT NULL"), "the answered update keeps neither text nor sender");
    }

    @Test
    void a_file_a_newer_release_wrote_is_refused_naming_it_and_left_as_it_is() throws Exception {
        int newer = Migrations.LATEST + 1;
        DatabaseFile.update(data, "PRAGMA user_version = " + newer);
        Path file = data.resolve(SqliteDatabase.FILE);

        ConfigException e = assertThrows(ConfigException.class, () -> SqliteDatabase.open(data));

        assertEquals("the profile database '" + file + "' has schema version " + newer + ", newer than this program's "
                + Migrations.LATEST + " (a newer release wrote it): run that release, or set ADVISOR_DATA_DIR to another "
                + "data dir; the file was left as it is", e.getMessage());
        assertEquals(newer, DatabaseFile.count(data, "PRAGMA user_version"));
        assertEquals(0, DatabaseFile.count(data, "SELECT count(*) FROM sqlite_master WHERE name IN ('"
                + Migrations.HISTORY + "', 'send_slots')"), "no migration ran");
        assertEquals(2, DatabaseFile.count(data, "SELECT count(*) FROM profiles"));
        assertFalse(e.getMessage().contains("move it away"), "the file is fine: only this program is too old for it");
    }

    /** Every row of every table, the schema history included, as text: what a second open must leave alone. */
    private static List<String> everyRow(Database database) {
        List<String> all = new ArrayList<>();
        for (String table : rows(database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            all.add("table " + table);
            all.addAll(rows(database, "SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        all.addAll(rows(database, "PRAGMA user_version"));
        return all;
    }
}
