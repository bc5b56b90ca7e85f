package io.github.careeradvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a new user would run it from the repository root: separate processes, a
 * fresh data dir, the README's commands.
 */
class JarIT {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private Result java(String stdin, String... args) throws IOException, InterruptedException {
        return java(stdin, Map.of(), args);
    }

    private Result java(String stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("ADVISOR_DATA_DIR", tmp.resolve("data").toString());
        builder.environment().remove("TELEGRAM_BOT_TOKEN");
        builder.environment().putAll(env);
        builder.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the jar did not finish: " + command);
        return new Result(process.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
    }

    @Test
    void indexes_once_then_answers_from_the_cache_in_a_new_process() throws Exception {
        Result cold = java("", "index");
        Result warm = java("", "index");

        assertEquals(0, cold.code(), cold.err());
        assertFalse(cold.out().contains(" 0 were embedded"), cold.out());
        assertEquals(0, warm.code(), warm.err());
        assertTrue(warm.out().contains(" 0 were embedded"), warm.out());
        assertEquals("", warm.err(), "no warnings or library noise on a clean start");
        assertPrivate(tmp.resolve("data"));
        System.out.println("jar index, cold: " + cold.out().strip());
        System.out.println("jar index, warm: " + warm.out().strip());

        Result ask = java("how much does a junior ML engineer earn?\nwhat's the weather in Paris?\n/help\n",
                "ask", "--json");
        assertEquals(0, ask.code(), ask.err());
        List<String> lines = ask.out().lines().toList();
        assertEquals(3, lines.size(), ask.out());
        ObjectMapper json = new ObjectMapper();
        assertTrue(json.readTree(lines.get(0)).get("grounded").asBoolean());
        assertFalse(json.readTree(lines.get(1)).get("grounded").asBoolean());
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            System.out.printf("jar ask latency %.1f ms: %s%n", node.get("latencyMs").asDouble(), node.get("question").asText());
        }

        // A profile outlives the process that wrote it.
        assertEquals(0, java("", "ask", "--user", "7", "I'm a data analyst and I use Azure").code());
        Result profile = java("", "ask", "--user", "7", "/profile");
        assertTrue(profile.out().contains("Background: data analyst") && profile.out().contains("Cloud: Azure"),
                profile.out());

        // So does a conversation: a follow-up in the next process is read against the thread.
        assertEquals(0, java("", "ask", "--user", "7", "what does a junior earn?").code());
        Result seniors = java("", "ask", "--user", "7", "and seniors?");
        assertTrue(seniors.out().contains("$200,000") && !seniors.out().contains("$70,000"), seniors.out());

        // The guides as the first ask parsed them, and their word index, are kept for the next starts, whole
        // and private; so are the model's, ONNX Runtime's and SQLite's files, taken out of the jar once and
        // checked once.
        assertTrue(Files.isRegularFile(tmp.resolve("data").resolve("parsed-knowledge.bin")));
        assertTrue(Files.isRegularFile(tmp.resolve("data").resolve("word-index.bin")));
        try (Stream<Path> files = Files.walk(tmp.resolve("data"))) {
            List<String> names = files.map(f -> tmp.resolve("data").relativize(f).toString()).toList();
            assertEquals(List.of(), names.stream().filter(n -> n.endsWith(".tmp")).toList());
            assertEquals(2, names.stream().filter(n -> n.matches("all-minilm-l6-v2-q-[0-9a-f]+\\.onnx(\\.crc)?")).count(),
                    names.toString());
            assertEquals(4, names.stream().filter(n -> n.matches("onnxruntime-[0-9a-f]+-[0-9a-f]+/(lib)?\\w+\\.(so|dylib|dll)(\\.crc)?"))
                    .count(), names.toString());
            assertEquals(3, names.stream().filter(n -> n.matches("sqlite-native/([0-9a-f]+-"
                    + java.util.regex.Pattern.quote(System.mapLibraryName("sqlitejdbc")) + "(\\.crc)?|platform)")).count(),
                    names.toString());
        }
        assertPrivate(tmp.resolve("data"));
    }

    @Test
    void the_float_model_answers_from_vectors_of_its_own_beside_the_quantized_models() throws Exception {
        Map<String, String> floatModel = Map.of("ADVISOR_MODEL", "float");
        Result first = java("", floatModel, "index");
        Result again = java("", floatModel, "index");
        Result quantized = java("", "index");

        assertEquals(0, first.code(), first.err());
        assertFalse(first.out().contains(" 0 were embedded"), first.out());
        assertTrue(again.out().contains(" 0 were embedded"), again.out());
        assertFalse(quantized.out().contains(" 0 were embedded"), "the quantized model's vectors are not the float "
                + "one's: " + quantized.out());
        Result ask = java("", floatModel, "ask", "how much does a junior ML engineer earn?");
        assertEquals(0, ask.code(), ask.err());
        assertTrue(ask.out().contains("$70,000") || ask.out().contains("$80,000"), ask.out());
        assertEquals("", ask.err(), "no warnings or library noise");
        try (Stream<Path> files = Files.list(tmp.resolve("data"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.contains("embeddings-all-minilm-l6-v2-q.bin") && names.contains("embeddings-all-minilm-l6-v2.bin"),
                    names.toString());
            assertEquals(2, names.stream().filter(n -> n.matches("all-minilm-l6-v2-[0-9a-f]+\\.onnx(\\.crc)?")).count(),
                    names.toString());
        }
        Result bad = java("", Map.of("ADVISOR_MODEL", "int8"), "ask", "hello");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("ADVISOR_MODEL 'int8' is not a model"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
    }

    /** The data dir the jar made is its user's alone (0700), and so is every file in it (0600): the index cache too. */
    private static void assertPrivate(Path data) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        try (Stream<Path> files = Files.list(data)) {
            List<Path> all = files.toList();
            assertFalse(all.isEmpty());
            for (Path file : all) {
                if (Files.isDirectory(file)) {
                    assertPrivate(file); // ONNX Runtime's libraries
                } else {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
                }
            }
        }
    }

    @Test
    void no_arguments_and_no_token_opens_the_terminal_chat() throws Exception {
        Result chat = java("what is explainable AI?\n");

        assertEquals(0, chat.code(), chat.err());
        assertTrue(chat.out().startsWith("Hi! I'm a career advisor"), chat.out());
        assertTrue(chat.out().contains("transparent"), chat.out());
    }

    @Test
    void a_broken_roadmap_stops_index_and_the_bot_with_exit_2_naming_the_file_and_no_stack_trace() throws Exception {
        Path knowledge = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(knowledge.resolve("good.md"), "---\ntitle: Good\ntopics: [a]\nsources: [S]\n---\n## Part\nSome text.\n");
        Files.copy(Path.of("knowledge", "certifications.json"), knowledge.resolve("certifications.json"));
        Files.writeString(knowledge.resolve("roadmap.json"), "{\"title\": \"t\", \"note\": \"n\", \"topics\": [\n");
        // The bot stops before it would reach the Bot API; the URL points nowhere in case it did not.
        Map<String, String> env = Map.of("ADVISOR_KNOWLEDGE_DIR", knowledge.toString(),
                "TELEGRAM_BOT_TOKEN", "123456789:AAHfakefakefakefakefakefake_fake-xyz", "TELEGRAM_API_URL", "http://127.0.0.1:9",
                "ADVISOR_HTTP_PORT", "off");

        Result index = java("", env, "index");
        Result bot = java("", env, "bot");

        String message = "error: " + knowledge.resolve("roadmap.json") + ":2:1: not valid JSON: Unexpected end-of-input: "
                + "expected close marker for Array\n";
        assertEquals(2, index.code());
        assertEquals(message, index.err());
        assertEquals(2, bot.code());
        assertEquals(message, bot.err());
    }

    @Test
    void a_missing_knowledge_dir_stops_ask_with_exit_2_while_the_model_is_still_loading() throws Exception {
        // The model loads beside the rest of start-up: an early exit must wait for it, not crash in ONNX Runtime.
        Path missing = tmp.resolve("no-such-knowledge");

        Result ask = java("", Map.of("ADVISOR_KNOWLEDGE_DIR", missing.toString()), "ask", "what is mlops?");

        assertEquals(2, ask.code(), ask.err());
        assertEquals("error: knowledge dir '" + missing + "' does not exist (set ADVISOR_KNOWLEDGE_DIR)\n", ask.err());
    }
}
