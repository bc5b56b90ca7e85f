package io.github.careeradvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as the README describes it, run in process with the real parts. */
class AppTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run run(String stdin, Map<String, String> extraEnv, String... args) {
        // The shipped knowledge's vectors are cached where TestAdvisors keeps them, as a real data dir would.
        Map<String, String> env = new HashMap<>(Map.of("ADVISOR_DATA_DIR", TestAdvisors.SHIPPED_DATA_DIR.toString()));
        env.putAll(extraEnv);
        AppRun run = AppRun.of(env, stdin, args);
        return new Run(run.code(), run.out(), run.err());
    }

    private Run run(String... args) {
        return run("", Map.of(), args);
    }

    /** PostgreSQL down at start: exit 1 naming the setting, no password shown, nothing else tried first. */
    @Test
    void a_database_that_does_not_answer_stops_the_bot_and_the_report_with_exit_1_and_no_password() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> env = Map.of("ADVISOR_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port
                        + "/advisor?user=advisor&password=in-url-Secret", "ADVISOR_DATABASE_PASSWORD", "in-env-Secret",
                "TELEGRAM_BOT_TOKEN", "123456789:AAH-abcdefghijklmnopqrstuvwxyz", "ADVISOR_HTTP_PORT", "off",
                "TELEGRAM_API_URL", "http://127.0.0.1:" + port);

        for (String command : List.of("report", "bot")) {
            Run run = run("", env, command);

            assertEquals(1, run.code(), command + ": " + run.err());
            assertTrue(run.err().startsWith("error: ADVISOR_DATABASE_URL 'jdbc:postgresql://127.0.0.1:" + port
                    + "/advisor?user=advisor&password=***': the database cannot be reached"), run.err());
            assertFalse(run.err().contains("Secret") || run.out().contains("Secret"), run.err());
            assertFalse(run.err().contains("\tat "), "a stack trace: " + run.err());
        }
    }

    @Test
    void a_database_url_that_is_not_postgresql_is_bad_usage_naming_the_setting() {
        Run run = run("", Map.of("ADVISOR_DATABASE_URL", "mysql://db/advisor"), "report");

        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("error: ADVISOR_DATABASE_URL 'mysql://db/advisor' is not a PostgreSQL JDBC URL"),
                run.err());
    }

    @Test
    void help_prints_usage_and_exits_0() {
        Run main = run("--help");
        Run ask = run("ask", "--help");

        assertEquals(0, main.code());
        assertTrue(main.out().startsWith("Usage: java -jar career-advisor.jar [COMMAND] [OPTIONS]"));
        assertEquals(0, ask.code());
        assertTrue(ask.out().contains("--json"));
    }

    @Test
    void an_unknown_command_or_option_prints_usage_to_stderr_and_exits_2() {
        Run command = run("teach");
        Run option = run("ask", "--verbose", "hi");
        Run badUser = run("ask", "--user", "bob", "hi");

        assertEquals(2, command.code());
        assertEquals("", command.out());
        assertTrue(command.err().startsWith("error: unknown command 'teach'\n\nUsage:"), command.err());
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("error: unknown option '--verbose' for 'ask'"), option.err());
        assertEquals(2, badUser.code());
        assertTrue(badUser.err().startsWith("error: --user 'bob' is not a user id"), badUser.err());
    }

    @Test
    void ask_json_prints_one_line_in_the_contract_shape() throws IOException {
        Run run = run("ask", "--json", "how", "much", "does", "a", "junior", "ML", "engineer", "earn?");

        assertEquals(0, run.code(), run.err());
        assertEquals(1, run.lines().size(), run.out());
        JsonNode line = new ObjectMapper().readTree(run.lines().get(0));
        assertEquals(List.of("question", "answer", "grounded", "sources", "latencyMs", "composer"),
                iterable(line.fieldNames()));
        assertEquals("how much does a junior ML engineer earn?", line.get("question").asText());
        assertTrue(line.get("grounded").asBoolean());
        assertTrue(line.get("answer").asText().contains("$70,000"));
        assertFalse(line.get("answer").asText().contains("<"), "plain text, no HTML");
        JsonNode source = line.get("sources").get(0);
        assertEquals(List.of("title", "section", "file", "score"), iterable(source.fieldNames()));
        assertEquals("knowledge/salaries.md", source.get("file").asText());
        assertTrue(line.get("latencyMs").asDouble() > 0);
    }

    @Test
    void ask_without_a_question_answers_every_input_line_in_order() throws IOException {
        Run run = run("what's the weather in Paris?\nwhich certification should I take for Google Cloud?\n\n",
                Map.of(), "ask", "--json");

        assertEquals(0, run.code(), run.err());
        List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode weather = json.readTree(lines.get(0));
        JsonNode gcp = json.readTree(lines.get(1));
        assertFalse(weather.get("grounded").asBoolean());
        assertEquals(0, weather.get("sources").size());
        assertTrue(gcp.get("grounded").asBoolean());
        assertTrue(gcp.get("answer").asText().contains("Professional Machine Learning Engineer"), gcp.toString());
        assertFalse(json.readTree(lines.get(2)).get("grounded").asBoolean());
    }

    @Test
    void plain_ask_ends_with_the_sources() {
        Run run = run("ask", "how is an ML engineer different from a data scientist?");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("Source"), run.out());
    }

    @Test
    void a_missing_knowledge_dir_exits_2_naming_the_path_and_the_setting() {
        Path missing = tmp.resolve("nowhere");
        Run run = run("", Map.of("ADVISOR_KNOWLEDGE_DIR", missing.toString()), "ask", "hi");

        assertEquals(2, run.code());
        assertEquals("error: knowledge dir '" + missing + "' does not exist (set ADVISOR_KNOWLEDGE_DIR)\n", run.err());
    }

    @Test
    void the_bot_without_a_token_exits_2_naming_the_setting() {
        Run run = run("bot");

        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("error: TELEGRAM_BOT_TOKEN is not set"), run.err());
    }

    private static final String TOKEN = "123456789:AAHfakefakefakefakefakefake_fake-xyz";

    @Test
    void the_bot_with_an_http_webhook_url_exits_2_naming_the_setting_and_never_printing_the_secret() {
        String secret = "never_printed-7f3a";
        Run run = run("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_WEBHOOK_URL", "http://bot.example.com/hook",
                "TELEGRAM_WEBHOOK_SECRET", secret), "bot");

        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("error: TELEGRAM_WEBHOOK_URL 'http://bot.example.com/hook' is not an https "
                + "URL"), run.err());
        assertFalse((run.out() + run.err()).contains(secret), run.err());
        assertFalse((run.out() + run.err()).contains(TOKEN), run.err());
    }

    @Test
    void the_bot_with_a_malformed_webhook_secret_exits_2_naming_the_setting_not_the_value() {
        String secret = "not allowed;here";
        Run run = run("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook",
                "TELEGRAM_WEBHOOK_SECRET", secret), "bot");

        assertEquals(2, run.code());
        assertEquals("error: TELEGRAM_WEBHOOK_SECRET is malformed: expected 1-256 characters of A-Z, a-z, 0-9, _ "
                + "and - (the value is not shown)\n", run.err());
        assertFalse((run.out() + run.err()).contains(secret), run.err());
    }

    @Test
    void the_bot_with_a_bad_http_port_exits_2_naming_the_setting() {
        Run run = run("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ADVISOR_HTTP_PORT", "80a"), "bot");

        assertEquals(2, run.code());
        assertEquals("error: ADVISOR_HTTP_PORT '80a' is not a port: give a number from 1 to 65535, or off (or 0) "
                + "to run without /healthz, /readyz and /metrics\n", run.err());
    }

    @Test
    void the_bot_on_a_port_in_use_exits_2_naming_the_port_and_the_setting_without_a_stack_trace() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Run run = run("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ADVISOR_HTTP_PORT", Integer.toString(port),
                    "ADVISOR_DATA_DIR", tmp.toString()), "bot");

            assertEquals(2, run.code());
            assertTrue(run.err().startsWith("error: ADVISOR_HTTP_PORT " + port + " cannot be used: the port is taken "
                    + "by another program or not allowed ("), run.err());
            assertTrue(run.err().endsWith("); set ADVISOR_HTTP_PORT to a free port, or off\n"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    @Test
    void a_failure_prints_its_own_words_and_an_unexpected_one_is_named_for_a_report() {
        assertEquals("cannot reach the Bot API (check TELEGRAM_API_URL): refused",
                App.what(new IllegalStateException("cannot reach the Bot API (check TELEGRAM_API_URL): refused")));
        assertEquals("an unexpected NullPointerException; please report it, with the command that was run",
                App.what(new NullPointerException()));
    }

    /** With the port taken, a command that served on it would fail; these never do (nor does the bot with off). */
    @Test
    void only_the_bot_serves_http_and_off_turns_it_off() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = Integer.toString(taken.getLocalPort());
            Run ask = run("", Map.of("ADVISOR_HTTP_PORT", port, "TELEGRAM_BOT_TOKEN", TOKEN), "ask", "what", "is", "MLOps?");
            // No Bot API listens on port 9 of this machine: the bot gets as far as connecting to Telegram.
            Run off = run("", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "ADVISOR_HTTP_PORT", "off",
                    "TELEGRAM_API_URL", "http://127.0.0.1:9"), "bot");

            assertEquals(0, ask.code(), ask.err());
            assertEquals(1, off.code(), off.err());
            assertTrue(off.err().contains("error: cannot reach the Bot API (check TELEGRAM_API_URL)"), off.err());
            assertFalse(off.err().contains("java.lang."), "no Java class names: " + off.err());
            assertFalse(off.err().contains("ADVISOR_HTTP_PORT"), off.err());
        }
    }

    @Test
    void index_reports_what_it_did_and_a_rerun_reuses_every_vector() throws IOException {
        Path knowledge = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(knowledge.resolve("pay.md"),
                "---\ntitle: Pay\ntopics: [salary]\nsources: [Simplilearn]\n---\n## Junior pay\nJuniors earn $70,000.\n");
        Map<String, String> env = Map.of("ADVISOR_KNOWLEDGE_DIR", knowledge.toString(),
                "ADVISOR_DATA_DIR", tmp.resolve("data").toString());

        Run first = run("", env, "index");
        Run second = run("", env, "index");

        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("indexed 1 guides into 1 passages; of 2 texts to embed, 2 were embedded "
                + "and 0 reused from the cache"), first.out());
        assertTrue(second.out().contains("0 were embedded and 2 reused"), second.out());
    }

    @Test
    void index_names_a_broken_guide_and_exits_1() throws IOException {
        Path knowledge = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(knowledge.resolve("good.md"),
                "---\ntitle: Good\ntopics: [a]\nsources: [S]\n---\n## Part\nSome text.\n");
        Files.writeString(knowledge.resolve("bad.md"), "no front matter\n");

        Run run = run("", Map.of("ADVISOR_KNOWLEDGE_DIR", knowledge.toString(),
                "ADVISOR_DATA_DIR", tmp.resolve("data").toString()), "index");

        assertEquals(1, run.code());
        assertTrue(run.out().contains("not indexed: " + knowledge.resolve("bad.md") + ":1: a guide must start"),
                run.out());
    }

    /** A knowledge dir with one good guide and the shipped roadmap and certifications. */
    private Path knowledgeWithOneGoodGuide() throws IOException {
        Path knowledge = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(knowledge.resolve("good.md"),
                "---\ntitle: Good\ntopics: [a]\nsources: [S]\n---\n## Part\nSome text.\n");
        Files.copy(Path.of("knowledge", "roadmap.json"), knowledge.resolve("roadmap.json"));
        Files.copy(Path.of("knowledge", "certifications.json"), knowledge.resolve("certifications.json"));
        return knowledge;
    }

    @Test
    void index_names_a_binary_an_empty_and_a_huge_guide_once_and_indexes_the_good_one() throws IOException {
        Path knowledge = knowledgeWithOneGoodGuide();
        Files.write(knowledge.resolve("logo.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.writeString(knowledge.resolve("empty.md"), "");
        Files.writeString(knowledge.resolve("huge.md"), "---\ntitle: Huge\ntopics: [a]\nsources: [S]\n---\n"
                + "Models serve predictions.\n\n".repeat(200_000));

        Run run = run("", Map.of("ADVISOR_KNOWLEDGE_DIR", knowledge.toString(),
                "ADVISOR_DATA_DIR", tmp.resolve("data").toString()), "index");

        assertEquals(1, run.code());
        assertEquals("", run.err(), "each problem is named once, in the report");
        assertTrue(run.out().startsWith("indexed 1 guides into 1 passages"), run.out());
        assertEquals(List.of(
                "not indexed: " + knowledge.resolve("empty.md") + ":1: the file is empty; a guide must start with a front "
                        + "matter block: a '---' line, then title, topics and sources, then '---' (see knowledge/FORMAT.md)",
                "not indexed: " + knowledge.resolve("huge.md") + ":1: 5.4 MB, more than the 256 KB a knowledge file may "
                        + "hold; split it into smaller guides",
                "not indexed: " + knowledge.resolve("logo.md") + ":1: a binary file (a NUL byte at offset 4), not a "
                        + "Markdown guide; a guide is UTF-8 text (see knowledge/FORMAT.md)"),
                run.lines().subList(1, run.lines().size()));
    }

    @Test
    void a_broken_certification_file_stops_index_and_start_up_with_exit_2_naming_the_field() throws IOException {
        Path knowledge = knowledgeWithOneGoodGuide();
        Path certifications = knowledge.resolve("certifications.json");
        Files.writeString(certifications, Files.readString(certifications)
                .replaceFirst("\"minExperienceYears\": \\d+", "\"minExperienceYears\": \"two\""));
        Map<String, String> env = Map.of("ADVISOR_KNOWLEDGE_DIR", knowledge.toString(),
                "ADVISOR_DATA_DIR", tmp.resolve("data").toString());

        Run index = run("", env, "index");
        Run ask = run("", env, "ask", "hi");

        String message = "error: " + certifications + ":30: certifications[0].minExperienceYears: must be a whole "
                + "number, not 'two'\n";
        assertEquals(2, index.code());
        assertEquals(message, index.err());
        assertEquals("", index.out());
        assertEquals(2, ask.code());
        assertEquals(message, ask.err());
    }

    @Test
    void start_up_leaves_a_bad_guide_out_with_a_warning_and_answers_from_the_others() throws IOException {
        Path knowledge = Files.createDirectories(tmp.resolve("kb"));
        try (var shipped = Files.list(Path.of("knowledge"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, knowledge.resolve(file.getFileName()));
            }
        }
        Files.write(knowledge.resolve("logo.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});

        Run run = run("", Map.of("ADVISOR_KNOWLEDGE_DIR", knowledge.toString()),
                "ask", "how much does a junior ML engineer earn?");

        assertEquals(0, run.code(), run.err());
        assertEquals("warning: guide left out: " + knowledge.resolve("logo.md") + ":1: a binary file (a NUL byte at "
                + "offset 4), not a Markdown guide; a guide is UTF-8 text (see knowledge/FORMAT.md)\n", run.err());
        assertTrue(run.out().contains("$70,000"), run.out());
    }

    @Test
    void ask_as_a_user_keeps_that_users_profile_between_runs() {
        String user = String.valueOf(8_000_000 + System.nanoTime() % 1_000_000);
        Run level = run("ask", "--user", user, "/level junior");
        Run next = run("ask", "--user", user, "/next");
        Run someoneElse = run("ask", "--user", user + "1", "/profile");
        Run forget = run("ask", "--user", user, "/forget");

        assertEquals("Saved: your level is junior. Try /next or /certs.\n", level.out());
        assertTrue(next.out().startsWith("What to learn first (junior):"), next.out());
        assertTrue(someoneElse.out().contains("Level: not set"), someoneElse.out());
        assertTrue(forget.out().startsWith("Done: I deleted your profile"), forget.out());
    }

    @Test
    void a_data_dir_that_cannot_be_used_stops_start_up_naming_the_setting() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("data-file"), "a file, not a folder");

        Run run = run("", Map.of("ADVISOR_DATA_DIR", notADir.toString()), "ask", "hi");

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("error: data dir '" + notADir + "' cannot be created"), run.err());
        assertTrue(run.err().strip().endsWith("(set ADVISOR_DATA_DIR)"), run.err());
    }

    @Test
    void stats_answer_admins_with_counts_and_nobody_else() throws IOException {
        Map<String, String> admin = Map.of("ADVISOR_ADMIN_IDS", "4242");
        Run asAdmin = run("how much does a junior earn?\n/stats\n", admin, "ask", "--user", "4242");
        Run asOther = run("", admin, "ask", "--user", "4343", "/stats");

        assertTrue(asAdmin.out().contains("Since the start. People: 1. Questions: 1, 100% answered from the guides. "
                + "Latency: p50 "), asAdmin.out());
        assertTrue(asAdmin.out().contains("Errors: 0. Language model: off."), asAdmin.out());
        assertTrue(asAdmin.out().contains("Feedback, last 7 days: "), asAdmin.out());
        assertTrue(asOther.out().startsWith("I don't know the command /stats."), "others never learn it exists: "
                + asOther.out());
    }

    @Test
    void report_shows_votes_comments_and_declined_questions_as_asked_and_never_who_asked() throws IOException {
        Path data = tmp.resolve("feedback-data");
        java.time.Instant now = java.time.Instant.now();
        try (io.github.careeradvisor.profile.SqlProfileStore store = io.github.careeradvisor.profile.SqlProfileStore.open(data)) {
            var feedback = store.feedback();
            long junior = feedback.answered(987_654_321L, 987_654_321L, "what does a junior earn?", true, now);
            feedback.vote(junior, 987_654_321L, 987_654_321L, false, now);
            feedback.comment(junior, 987_654_321L, "the pay in Europe");
            long senior = feedback.answered(987_654_322L, 987_654_322L, "and seniors?", true, now);
            feedback.vote(senior, 987_654_322L, 987_654_322L, true, now);
            feedback.answered(987_654_321L, 987_654_321L, "how do I bake bread?", false, now);
            feedback.answered(987_654_323L, 987_654_323L, "How do I bake bread", false, now);
            feedback.answered(987_654_323L, 987_654_323L, "asked last month", false, now.minus(java.time.Duration.ofDays(30)));
        }
        Map<String, String> env = Map.of("ADVISOR_DATA_DIR", data.toString());

        Run text = run("", env, "report");
        Run json = run("", env, "report", "--days", "60", "--json");

        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("Feedback, last 7 days: 4 answers, 2 of them voted on; 50% of 2 votes helpful."),
                text.out());
        assertTrue(text.out().contains("1. \"what does a junior earn?\" (1 👎, 0 👍)\n   missing: \"the pay in Europe\""),
                text.out());
        assertTrue(text.out().contains("1. \"How do I bake bread\" (2 times)"), text.out());
        assertFalse(text.out().contains("asked last month"), text.out());
        assertFalse(text.out().contains("98765432"), "no user ids: " + text.out());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertEquals(60, report.get("days").asInt());
        assertEquals(5, report.get("answers").asInt());
        assertEquals(0.5, report.get("helpfulShare").asDouble());
        assertEquals("the pay in Europe", report.get("downVoted").get(0).get("comments").get(0).asText());
        assertEquals(2, report.get("declined").size(), "bread, asked twice, and last month's");
        assertFalse(json.out().contains("98765432"), json.out());
    }

    @Test
    void report_with_a_bad_period_exits_2_naming_it() {
        Run zero = run("", Map.of(), "report", "--days", "0");
        Run missing = run("", Map.of(), "report", "--days");
        Run onAsk = run("", Map.of(), "ask", "--days", "3", "hi");

        assertEquals(2, zero.code());
        assertTrue(zero.err().startsWith("error: --days '0' is not a number of days from 1 to 90 (e.g. --days 7)"), zero.err());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: --days needs a number of days, e.g. --days 7"), missing.err());
        assertEquals(2, onAsk.code());
        assertTrue(onAsk.err().startsWith("error: unknown option '--days' for 'ask'"), onAsk.err());
    }

    @Test
    void chat_greets_answers_and_says_goodbye() {
        Run run = run("how much do senior ML engineers earn?\nquit\n", Map.of(), "chat");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Hi! I'm a career advisor"), run.out());
        assertTrue(run.out().contains("$200,000"), run.out());
        assertTrue(run.out().strip().endsWith("Good luck on your path!"), run.out());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void chart_writes_each_picture_as_a_png_and_exits_0() throws IOException {
        Path pay = tmp.resolve("pay.png");
        Path progress = tmp.resolve("progress.png");
        String user = String.valueOf(9_000_000 + System.nanoTime() % 1_000_000);

        Run salary = run("chart", "salary", "--level", "mid", "--out", pay.toString());
        run("ask", "--user", user, "/done python");
        Run path = run("chart", "progress", "--user", user, "--out", progress.toString());

        assertEquals(0, salary.code(), salary.err());
        assertTrue(salary.out().startsWith("wrote " + pay + " (1080x"), salary.out());
        assertTrue(salary.out().contains("Mid-level ML engineer pay, your level (mid-level): Simplilearn $100,000–$160,000"),
                salary.out());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(pay.toFile());
        assertEquals(1080, image.getWidth());
        assertEquals(0, path.code(), path.err());
        int topics = io.github.careeradvisor.knowledge.Roadmap.load(Path.of("knowledge")).topics().size();
        assertTrue(path.out().contains("1 of " + topics + " topics done"), path.out());
        assertTrue(javax.imageio.ImageIO.read(progress.toFile()).getWidth() >= 800);
    }

    @Test
    void chart_with_a_bad_level_or_an_unwritable_file_exits_2_naming_it() {
        Run level = run("chart", "salary", "--level", "x", "--out", tmp.resolve("a.png").toString());
        Run folder = run("chart", "salary", "--out", "/nonexistent/dir/x.png");

        assertEquals(2, level.code());
        assertTrue(level.err().startsWith("error: --level 'x' is not a level"), level.err());
        assertEquals(2, folder.code());
        assertEquals("error: --out '/nonexistent/dir/x.png' cannot be written: the folder '/nonexistent/dir' does "
                + "not exist\n", folder.err());
        assertEquals("", folder.out());
    }
}
