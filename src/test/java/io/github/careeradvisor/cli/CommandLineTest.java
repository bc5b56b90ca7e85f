package io.github.careeradvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.cli.Invocation.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command and option of {@link Usage}, and the exact message of each usage error. */
class CommandLineTest {

    private static Invocation parse(String... args) throws UsageException {
        return CommandLine.parse(args);
    }

    private static UsageException refused(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args));
    }

    @Test
    void no_command_leaves_the_choice_between_bot_and_chat_to_the_settings() throws Exception {
        assertEquals(new Invocation(null, null, false, null, List.of()), parse());
    }

    @Test
    void help_in_any_spelling_prints_the_main_usage() throws Exception {
        for (String help : List.of("--help", "-h", "help")) {
            assertEquals(new Invocation(null, Usage.MAIN, false, null, List.of()), parse(help), help);
        }
    }

    @Test
    void each_command_is_read_and_its_help_is_its_own_usage() throws Exception {
        assertEquals(new Invocation(Command.BOT, null, false, null, List.of()), parse("bot"));
        assertEquals(new Invocation(Command.CHAT, null, false, null, List.of()), parse("chat"));
        assertEquals(new Invocation(Command.ASK, null, false, null, List.of()), parse("ask"));
        assertEquals(new Invocation(Command.INDEX, null, false, null, List.of()), parse("index"));

        assertEquals(Usage.BOT, parse("bot", "--help").help());
        assertEquals(Usage.CHAT, parse("chat", "-h").help());
        assertEquals(Usage.ASK, parse("ask", "--help").help());
        assertEquals(Usage.INDEX, parse("index", "--help").help());
        assertEquals(Command.ASK, parse("ask", "what", "--help").command());
    }

    @Test
    void ask_takes_its_words_as_one_question_with_json_and_a_user() throws Exception {
        assertEquals(new Invocation(Command.ASK, null, false, null, List.of("how", "much?")), parse("ask", "how", "much?"));
        assertEquals(new Invocation(Command.ASK, null, true, 42L, List.of("which", "cert")),
                parse("ask", "--json", "--user", "42", "which", "cert"));
        assertEquals(new Invocation(Command.ASK, null, false, 7L, List.of("hi")), parse("ask", "--user=7", "hi"));
        assertEquals(new Invocation(Command.ASK, null, true, null, List.of()), parse("ask", "--json"));
        assertEquals(List.of("-", "x"), parse("ask", "-", "x").words(), "a lone - is a word");
    }

    @Test
    void after_a_double_dash_everything_is_the_question() throws Exception {
        assertEquals(new Invocation(Command.ASK, null, false, null, List.of("--json", "-h", "pay?")),
                parse("ask", "--", "--json", "-h", "pay?"));
    }

    @Test
    void chat_takes_a_user() throws Exception {
        assertEquals(new Invocation(Command.CHAT, null, false, 99L, List.of()), parse("chat", "--user", "99"));
        assertEquals(new Invocation(Command.CHAT, null, false, 99L, List.of()), parse("chat", "--user", " 99 "));
    }

    @Test
    void an_unknown_command_or_option_names_itself_and_brings_the_main_usage() {
        UsageException command = refused("serve");
        assertEquals("unknown command 'serve'", command.getMessage());
        assertEquals(Usage.MAIN, command.usage());

        UsageException option = refused("--verbose");
        assertEquals("unknown option '--verbose'", option.getMessage());
        assertEquals(Usage.MAIN, option.usage());
    }

    @Test
    void an_option_a_command_does_not_take_names_the_command_and_brings_its_usage() {
        UsageException json = refused("chat", "--json");
        assertEquals("unknown option '--json' for 'chat'", json.getMessage());
        assertEquals(Usage.CHAT, json.usage());

        assertEquals("unknown option '--user' for 'index'", refused("index", "--user", "1").getMessage());
        assertEquals("unknown option '--user' for 'bot'", refused("bot", "--user", "1").getMessage());
        assertEquals("unknown option '--json' for 'bot'", refused("bot", "--json").getMessage());

        UsageException unknown = refused("ask", "--verbose");
        assertEquals("unknown option '--verbose' for 'ask'", unknown.getMessage());
        assertEquals(Usage.ASK, unknown.usage());
    }

    @Test
    void only_ask_takes_words() {
        for (String command : List.of("bot", "chat", "index")) {
            UsageException e = refused(command, "hello");
            assertEquals("'" + command + "' takes no arguments, got 'hello'", e.getMessage());
            assertEquals(Usage.of(Command.valueOf(command.toUpperCase(java.util.Locale.ROOT))), e.usage());
        }
    }

    @Test
    void migrate_sqlite_to_postgres_takes_replace_and_nothing_else() throws Exception {
        assertEquals(new Invocation(Command.MIGRATE, null, false, null, List.of(), 7, null, false),
                parse("migrate-sqlite-to-postgres"));
        assertEquals(new Invocation(Command.MIGRATE, null, false, null, List.of(), 7, null, true),
                parse("migrate-sqlite-to-postgres", "--replace"));
        assertEquals(Usage.MIGRATE, parse("migrate-sqlite-to-postgres", "--help").help());

        UsageException force = refused("migrate-sqlite-to-postgres", "--force");
        assertEquals("unknown option '--force' for 'migrate-sqlite-to-postgres'", force.getMessage());
        assertEquals(Usage.MIGRATE, force.usage());
        assertEquals("'migrate-sqlite-to-postgres' takes no arguments, got 'data/advisor.db'",
                refused("migrate-sqlite-to-postgres", "data/advisor.db").getMessage());
        assertEquals("unknown option '--json' for 'migrate-sqlite-to-postgres'",
                refused("migrate-sqlite-to-postgres", "--json").getMessage());
        assertEquals("unknown option '--replace' for 'report'", refused("report", "--replace").getMessage());
        assertTrue(Usage.MAIN.contains("migrate-sqlite-to-postgres [--replace]"), Usage.MAIN);
    }

    @Test
    void a_user_must_be_a_number() {
        UsageException missing = refused("ask", "--user");
        assertEquals("--user needs a user id, e.g. --user 42", missing.getMessage());
        assertEquals(Usage.ASK, missing.usage());

        assertEquals("--user 'ann' is not a user id (expected a number, e.g. --user 42)",
                refused("chat", "--user", "ann").getMessage());
        assertEquals("--user '' is not a user id (expected a number, e.g. --user 42)",
                refused("ask", "--user=").getMessage());
    }

    @Test
    void chart_reads_the_picture_the_level_the_user_and_the_file() throws Exception {
        Invocation salary = parse("chart", "salary", "--level", "Senior", "--out", "pay.png");
        Invocation progress = parse("chart", "progress", "--user=42", "--out=me.png");

        assertEquals(new Invocation.Drawing(Invocation.Picture.SALARY, io.github.careeradvisor.profile.Level.SENIOR,
                java.nio.file.Path.of("pay.png")), salary.drawing());
        assertEquals(Command.CHART, salary.command());
        assertEquals(new Invocation.Drawing(Invocation.Picture.PROGRESS, null, java.nio.file.Path.of("me.png")),
                progress.drawing());
        assertEquals(42L, progress.user());
        assertEquals(Usage.CHART, parse("chart", "--help").help());
        assertEquals(Usage.CHART, parse("chart", "salary", "-h").help());
    }

    @Test
    void chart_names_each_bad_argument_and_its_option() {
        assertEquals("--level 'x' is not a level (expected one of new-to-tech, student, career-switcher, junior, "
                + "mid, senior)", refused("chart", "salary", "--level", "x", "--out", "a.png").getMessage());
        assertEquals("'chart' needs what to draw: salary or progress", refused("chart").getMessage());
        assertEquals("unknown chart 'pie' (expected salary or progress)", refused("chart", "pie").getMessage());
        assertEquals("'chart salary' needs --out FILE.png, the picture to write",
                refused("chart", "salary").getMessage());
        assertEquals("'chart progress' needs --user ID, whose progress to draw",
                refused("chart", "progress", "--out", "a.png").getMessage());
        assertEquals("unknown option '--level' for 'chart progress'",
                refused("chart", "progress", "--level", "mid", "--out", "a.png").getMessage());
        assertEquals("--out 'pay.jpg' is not a PNG file name (expected e.g. --out pay.png)",
                refused("chart", "salary", "--out", "pay.jpg").getMessage());
        assertEquals("--out needs a value, e.g. --out pay.png", refused("chart", "salary", "--out").getMessage());
        assertEquals(Usage.CHART, refused("chart", "salary").usage());
    }
}
