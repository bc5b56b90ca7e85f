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
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for an OpenAI-compatible API on 127.0.0.1: {@code POST /v1/chat/completions} answers with a
 * chat completion built from the passages in the request (the first sentences of passage [1], cited), or
 * misbehaves as {@link Mode} says; plain, or streamed as server-sent events when the request asks
 * {@code "stream": true}, a few characters every {@link #chunkMillis} ms. A request to rewrite a
 * follow-up (its system prompt says "standalone") gets {@link #rewrites}.
 */
public final class FakeModelApi implements AutoCloseable {

    /** How the stand-in answers. */
    public enum Mode {
        /** The first sentence of passage [1], cited as [1]. */
        FAITHFUL,
        /** The first sentence of each of passages [1], [2] and [3], each cited: a reply of several drafts. */
        FAITHFUL_LONG,
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
        MALFORMED,
        /** Streamed: half the reply, then the connection is closed without a finish. */
        CUT_OFF,
        /** Streamed: words on and on, never finishing. */
        NEVER_STOPS
    }

    public static final long STALL_MILLIS = 8_000;
    /** The figure {@link Mode#INVENTS_A_FIGURE} adds. */
    public static final String INVENTED = "$987,654";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIRST_PASSAGE = Pattern.compile("\\n\\[1\\] [^\\n]*\\n([^\\n]+)");
    private static final Pattern PASSAGE = Pattern.compile("\\n\\[([1-3])\\] [^\\n]*\\n([^\\n]+)");

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FAITHFUL;
    private volatile long chunkMillis = 5;
    private volatile @Nullable String rewrite;
    private final List<String> rewriteRequests = new CopyOnWriteArrayList<>();
    private final List<String> replies = new CopyOnWriteArrayList<>();

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

    /** Milliseconds between the pieces of a streamed reply. */
    public void chunkMillis(long millis) {
        this.chunkMillis = millis;
    }

    /**
     * What a rewrite request gets: this question, or (null, the default) the follow-up itself; an empty
     * string gets an HTTP 500.
     */
    public void rewrites(@Nullable String question) {
        this.rewrite = question;
    }

    /** The user messages of the rewrite requests received, in order. */
    public List<String> rewriteRequests() {
        return List.copyOf(rewriteRequests);
    }

    /** The bodies of the chat requests received, in order (rewrites not counted). */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The text of each whole reply to a chat request, in order (rewrites not counted). */
    public List<String> replies() {
        return List.copyOf(replies);
    }

    /** The Authorization header of each request ("" when there was none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            String system = request.get("messages").get(0).get("content").asText();
            String user = request.get("messages").get(1).get("content").asText();
            if (system.contains("standalone")) {
                rewriteRequests.add(user);
                String question = rewrite;
                if (question != null && question.isEmpty()) {
                    send(exchange, 500, "{\"error\":{\"message\":\"the model crashed\"}}");
                } else {
                    send(exchange, 200, completion(question != null ? question
                            : user.substring(user.lastIndexOf("Follow-up: ") + "Follow-up: ".length())));
                }
                return;
            }
            requests.add(request);
            boolean stream = request.path("stream").asBoolean(false);
            Matcher first = FIRST_PASSAGE.matcher(user);
            String sentences = first.find() ? firstSentences(first.group(1)) : "I do not know from my guides.";
            switch (mode) {
                case FAITHFUL -> reply(exchange, stream, sentences + " [1]");
                case FAITHFUL_LONG -> {
                    StringBuilder reply = new StringBuilder();
                    Matcher passage = PASSAGE.matcher(user);
                    while (passage.find()) {
                        String line = passage.group(2).startsWith("- ") ? passage.group(2).substring(2) : passage.group(2);
                        int end = line.indexOf(". ");
                        reply.append(reply.length() == 0 ? "" : " ").append(end > 0 ? line.substring(0, end + 1) : line)
                                .append(" [").append(passage.group(1)).append("]");
                    }
                    reply(exchange, stream, reply.toString());
                }
                case INVENTS_A_FIGURE -> reply(exchange, stream, sentences + " [1] It pays " + INVENTED
                        + " a year. [1]");
                case CITES_A_PASSAGE_NOT_GIVEN -> reply(exchange, stream, sentences + " [9]");
                case STALLS -> {
                    pause(STALL_MILLIS);
                    reply(exchange, stream, sentences + " [1]");
                }
                case SERVER_ERROR -> send(exchange, 500, "{\"error\":{\"message\":\"the model crashed\"}}");
                case RATE_LIMITED -> send(exchange, 429, "{\"error\":{\"message\":\"slow down\"}}");
                case EMPTY -> reply(exchange, stream, "");
                case MALFORMED -> send(exchange, 200, "{\"choices\": [ this is not json");
                case CUT_OFF -> {
                    if (stream) {
                        startEvents(exchange);
                        chunks(exchange, sentences.substring(0, sentences.length() / 2));
                    } else {
                        exchange.sendResponseHeaders(200, 0);
                        exchange.getResponseBody().write("{\"choices\": [{\"message\"".getBytes(StandardCharsets.UTF_8));
                    }
                }
                case NEVER_STOPS -> {
                    if (stream) {
                        startEvents(exchange);
                        while (true) {
                            chunks(exchange, "and so on, ");
                        }
                    }
                    pause(STALL_MILLIS);
                }
            }
        } catch (IOException e) {
            // the client gave up (a stalled reply after its timeout, a stream it stopped reading)
        }
    }

    /** Up to the first two sentences of a passage's first line. */
    private static String firstSentences(String line) {
        String text = line.startsWith("- ") ? line.substring(2) : line;
        int end = text.indexOf(". ");
        if (end > 0) {
            int second = text.indexOf(". ", end + 2);
            end = second > 0 ? second : end;
        }
        return end > 0 ? text.substring(0, end + 1) : text;
    }

    private void reply(HttpExchange exchange, boolean stream, String content) throws IOException {
        replies.add(content);
        if (!stream) {
            send(exchange, 200, completion(content));
            return;
        }
        startEvents(exchange);
        chunks(exchange, content);
        event(exchange, chunk(null, "stop"));
        exchange.getResponseBody().write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
    }

    private static void startEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
    }

    /** The text in pieces of a few characters, one event each, {@link #chunkMillis} apart. */
    private void chunks(HttpExchange exchange, String text) throws IOException {
        for (int i = 0; i < text.length(); i += 6) {
            pause(chunkMillis);
            event(exchange, chunk(text.substring(i, Math.min(text.length(), i + 6)), null));
        }
    }

    private static void event(HttpExchange exchange, String json) throws IOException {
        OutputStream out = exchange.getResponseBody();
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(@Nullable String content, @Nullable String finish) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "stand-in");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        if (finish != null) {
            choice.put("finish_reason", finish);
        } else {
            choice.putNull("finish_reason");
        }
        return body.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
