package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

/**
 * A Bot API stand-in on 127.0.0.1 for the load benchmark: people in many chats each ask a question,
 * wait for the reply, and ask the next one. getUpdates long-polls as Telegram does. Every reply's
 * latency, from the question entering the queue to the reply reaching the server, is recorded.
 */
final class LoadServer implements AutoCloseable {

    static final String TOKEN = "123456789:AALoadTestTokenLoadTestToken";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<ObjectNode> pending = new ArrayList<>();
    private final Map<Long, Long> askedAt = new HashMap<>();
    private final List<Double> latencies = new ArrayList<>();
    private final LongFunction<String> nextQuestion;
    private int nextUpdateId = 1;
    private int nextMessageId = 1;
    private int unexpected;
    private volatile boolean asking = true;

    LoadServer(LongFunction<String> nextQuestion) throws IOException {
        this.nextQuestion = nextQuestion;
        // Without TCP_NODELAY the JDK server's small replies wait on delayed ACKs, and the stand-in,
        // not the bot, would set the pace.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "load-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every chat asks its first question. */
    synchronized void begin(long firstChat, int chats) {
        for (long chat = firstChat; chat < firstChat + chats; chat++) {
            ask(chat);
        }
    }

    /** No new questions from now on; replies still count. */
    void finish() {
        asking = false;
    }

    synchronized double[] latencies() {
        return latencies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Replies to chats that had no question waiting, or refused requests. */
    synchronized int unexpected() {
        return unexpected;
    }

    private void ask(long chat) {
        ObjectNode update = json.createObjectNode();
        update.put("update_id", nextUpdateId++);
        ObjectNode message = update.putObject("message");
        message.put("message_id", nextMessageId++);
        message.put("date", 1_700_000_000);
        message.putObject("chat").put("id", chat).put("type", "private");
        message.putObject("from").put("id", chat).put("is_bot", false).put("first_name", "Load");
        message.put("text", nextQuestion.apply(chat));
        pending.add(update);
        askedAt.put(chat, System.nanoTime());
        notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase();
        JsonNode result;
        if (!path.startsWith("/bot" + TOKEN + "/")) {
            reply(exchange, 401, json.createObjectNode().put("ok", false).put("error_code", 401).put("description", "Unauthorized"));
            return;
        }
        switch (method) {
            case "getupdates" -> result = updates(body);
            case "getme" -> result = json.createObjectNode().put("id", 123456789L).put("is_bot", true)
                    .put("first_name", "Advisor").put("username", "LoadBot");
            case "sendmessage" -> result = sent(body);
            default -> result = json.getNodeFactory().booleanNode(true);
        }
        ObjectNode ok = json.createObjectNode().put("ok", true);
        ok.set("result", result);
        reply(exchange, 200, ok);
    }

    private synchronized JsonNode updates(JsonNode body) {
        int offset = body.path("offset").asInt(0);
        long deadline = System.currentTimeMillis() + body.path("timeout").asLong(0) * 1000;
        pending.removeIf(u -> u.get("update_id").asInt() < offset);
        while (pending.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ArrayNode result = json.createArrayNode();
        pending.forEach(result::add);
        return result;
    }

    private synchronized JsonNode sent(JsonNode body) {
        long chat = body.path("chat_id").asLong();
        Long asked = askedAt.remove(chat);
        if (asked == null) {
            unexpected++;
        } else {
            latencies.add((System.nanoTime() - asked) / 1e6);
            if (asking) {
                ask(chat);
            }
        }
        ObjectNode message = json.createObjectNode();
        message.put("message_id", nextMessageId++);
        message.put("date", 1_700_000_000);
        message.putObject("chat").put("id", chat).put("type", "private");
        message.put("text", "ok");
        return message;
    }

    private void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        synchronized (this) {
            notifyAll();
        }
        server.stop(0);
    }
}
