package io.github.careeradvisor.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for an OpenAI-compatible API on 127.0.0.1: {@code POST /v1/chat/completions} answers with a
 * chat completion built from the passages in the request (the first sentence of passage [1], cited), or
 * misbehaves as {@link Mode} says.
 */
public final class FakeModelApi implements AutoCloseable {

    /** How the stand-in answers. */
    public enum Mode {
        /** The first sentence of passage [1], cited as [1]. */
        FAITHFUL,
        /** The same, plus a pay figure no passage states. */
        INVENTS_A_FIGURE,
        /** The same sentence, cited as a passage that was not given. */
        CITES_A_PASSAGE_NOT_GIVEN,
        /** Holds the request for {@link #STALL_MILLIS} before answering faithfully. */
        STALLS,
        SERVER_ERROR,
        RATE_LIMITED,
        /** A completion whose text is empty. */
        EMPTY,
        /** A body that is not JSON. */
        MALFORMED
    }

    public static final long STALL_MILLIS = 8_000;
    /** The figure {@link Mode#INVENTS_A_FIGURE} adds. */
    public static final String INVENTED = "$987,654";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIRST_PASSAGE = Pattern.compile("\\n\\[1\\] [^\\n]*\\n([^\\n]+)");

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FAITHFUL;

    public FakeModelApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-model-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    /** The base URL to set as {@code ADVISOR_LLM_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The bodies of the chat requests received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The Authorization header of each request ("" when there was none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            String user = request.get("messages").get(1).get("content").asText();
            Matcher first = FIRST_PASSAGE.matcher(user);
            String sentence = first.find() ? firstSentence(first.group(1)) : "I do not know from my guides.";
            switch (mode) {
                case FAITHFUL -> send(exchange, 200, completion(sentence + " [1]"));
                case INVENTS_A_FIGURE -> send(exchange, 200, completion(sentence + " It pays " + INVENTED
                        + " a year. [1]"));
                case CITES_A_PASSAGE_NOT_GIVEN -> send(exchange, 200, completion(sentence + " [9]"));
                case STALLS -> {
                    try {
                        Thread.sleep(STALL_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, 200, completion(sentence + " [1]"));
                }
                case SERVER_ERROR -> send(exchange, 500, "{\"error\":{\"message\":\"the model crashed\"}}");
                case RATE_LIMITED -> send(exchange, 429, "{\"error\":{\"message\":\"slow down\"}}");
                case EMPTY -> send(exchange, 200, completion(""));
                case MALFORMED -> send(exchange, 200, "{\"choices\": [ this is not json");
            }
        } catch (IOException e) {
            // the client gave up (a stalled reply after its timeout): nothing to answer
        }
    }

    private static String firstSentence(String line) {
        String text = line.startsWith("- ") ? line.substring(2) : line;
        int end = text.indexOf(". ");
        return end > 0 ? text.substring(0, end + 1) : text;
    }

    private static String completion(String content) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1).put("model", "stand-in");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
        return body.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
