package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.fail;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the Telegram Bot API on 127.0.0.1, served at {@code /bot<token>/<method>}: getUpdates
 * long-polls as Telegram does (held open until an update arrives or the timeout passes; updates below
 * the offset are confirmed and dropped), and sendMessage is rejected the way Telegram rejects it. The
 * tests queue updates and read back the calls; the load benchmark lets people in many chats ask,
 * wait for the reply and ask again ({@link #startAsking}), and the soak lets them ask at a set pace
 * ({@link #askUnlessWaiting}).
 */
final class FakeBotApi implements AutoCloseable {

    static final String TOKEN = "123456789:AAFakeTokenForTests_abcdefghijklmnop";
    static final long BOT_ID = 123456789L;
    static final String USERNAME = "CareerAdvisorBot";
    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d+|#x[0-9a-fA-F]+);");

    private static final java.util.Map<String, String> CANONICAL = java.util.stream.Stream.of("getUpdates", "getMe",
            "sendMessage", "editMessageText", "editMessageReplyMarkup", "deleteWebhook", "setMyCommands",
            "sendChatAction", "answerCallbackQuery", "sendPhoto", "setWebhook")
            .collect(java.util.stream.Collectors.toMap(String::toLowerCase, m -> m));

    /** A request the bot made: the method and its JSON body. */
    record Call(String method, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<ObjectNode> pending = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    /** The text each accepted message shows now, after its edits, by chat and message id. */
    private final java.util.Map<Long, java.util.Map<Integer, String>> shown = new java.util.HashMap<>();
    private int nextUpdateId = 1;
    private int nextMessageId = 1000;
    private int rejectHtml;
    private double faultRate;
    private java.util.Random faults = new java.util.Random(0);
    private boolean refuseMenu;
    private int rejected;
    private int perSecondLimit = Integer.MAX_VALUE;
    private int tooMany;
    private final java.util.ArrayDeque<Long> lastSecond = new java.util.ArrayDeque<>();
    private boolean holding;
    private int conflicts;
    private final Set<Long> blockedBy = new java.util.HashSet<>();
    private final java.util.Map<Long, Integer> throttled = new java.util.HashMap<>();
    private int holdGeneration;
    private int held;
    /** Set while people are asking: the next question of a chat, once its reply came. */
    private @Nullable LongFunction<String> nextQuestion;
    private final java.util.Map<Long, Long> askedAt = new java.util.HashMap<>();
    private final List<Double> latencies = new ArrayList<>();
    private int unexpected;
    private boolean keepCalls = true;
    private int failPhotos;
    private int photoFailure;
    /** The file ids of the photos uploaded so far. */
    private final List<String> fileIds = new ArrayList<>();

    FakeBotApi() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // no delayed-ACK stalls on small replies
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-bot-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * From now on, getUpdates and sendMessage fail at this rate, each fault one of: HTTP 502, HTTP 429
     * with retry_after 1, or the connection dropped before the request is handled.
     */
    synchronized void injectFaults(double rate, long seed) {
        faultRate = rate;
        faults = new java.util.Random(seed);
    }

    /**
     * From now on sendMessage requests are held before Telegram would read them: the bot waits for a
     * reply that does not come. Once this returns, no sendMessage is being handled (they are handled
     * under this server's lock), so the accepted ones are final.
     */
    synchronized void holdSends() {
        holding = true;
    }

    /** The next {@code n} getUpdates calls get 409 Conflict, as when another instance polls with the token. */
    synchronized void conflictPolls(int n) {
        conflicts = n;
    }

    /** From now on sends to {@code chatId} get 403, as when the person has blocked the bot. */
    synchronized void blockedBy(long chatId) {
        blockedBy.add(chatId);
    }

    /** The next {@code times} sends to {@code chatId} get 429 with retry_after 1, as Telegram's flood control does. */
    synchronized void throttle(long chatId, int times) {
        throttled.put(chatId, times);
    }

    /**
     * From now on, as Telegram does, a sendMessage beyond {@code perSecond} in any second gets 429; see
     * {@link #tooMany()}.
     */
    synchronized void limitPerSecond(int perSecond) {
        perSecondLimit = perSecond;
    }

    /** sendMessage calls refused with 429 for going over {@link #limitPerSecond}. */
    synchronized int tooMany() {
        return tooMany;
    }

    /** sendMessage requests held now. */
    synchronized int held() {
        return held;
    }

    /** The held requests are dropped unread (their connections close), and new ones are served again. */
    synchronized void dropHeld() {
        holding = false;
        holdGeneration++;
        notifyAll();
    }

    /** Chats of the messages the server accepted, in the order it accepted them. */
    synchronized List<Long> sentChats() {
        return calls.stream().filter(c -> c.method().equals("sendMessage") && c.body().has("accepted"))
                .map(c -> c.body().get("chat_id").asLong()).toList();
    }

    /** sendMessage calls refused (400) so far. */
    synchronized int rejected() {
        return rejected;
    }

    /** The next {@code n} HTML messages are refused with "can't parse entities", like a real 400. */
    synchronized void rejectHtml(int n) {
        rejectHtml = n;
    }

    /**
     * From now on {@code chats} people, in private chats from {@code firstChat} on, each ask a question,
     * wait for the reply and ask the next one; each reply's latency, from the question entering the
     * queue to the reply reaching the server, is recorded. Calls are not kept any more, so what a long
     * run holds in memory is the bot's.
     */
    synchronized void startAsking(long firstChat, int chats, LongFunction<String> nextQuestion) {
        this.nextQuestion = nextQuestion;
        keepCalls = false;
        for (long chat = firstChat; chat < firstChat + chats; chat++) {
            ask(chat);
        }
    }

    /** No new questions from now on; replies to those asked still count. */
    synchronized void stopAsking() {
        nextQuestion = null;
    }

    /** The latencies of the replies to people's questions, in milliseconds, in the order they came. */
    synchronized double[] latencies() {
        return latencies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Replies that came to a chat with no question waiting. */
    synchronized int unexpected() {
        return unexpected;
    }

    /**
     * From now on replies are counted as in {@link #startAsking}, but people ask only through
     * {@link #askUnlessWaiting}, at the pace the caller sets. Calls are not kept any more.
     */
    synchronized void countReplies() {
        keepCalls = false;
    }

    /** The person in {@code chat} asks {@code text}, unless their last question is still unanswered. */
    synchronized boolean askUnlessWaiting(long chat, String text) {
        if (askedAt.containsKey(chat)) {
            return false;
        }
        ask(chat, text);
        return true;
    }

    /** Questions asked and not answered yet. */
    synchronized int waiting() {
        return askedAt.size();
    }

    /** Updates are numbered from {@code first} on, as Telegram goes on numbering them for a bot that has run a while. */
    synchronized void numberUpdatesFrom(int first) {
        nextUpdateId = first;
    }

    private void ask(long chat) {
        ask(chat, java.util.Objects.requireNonNull(nextQuestion).apply(chat));
    }

    private void ask(long chat, String text) {
        textMessage(chat, "private", chat, text);
        askedAt.put(chat, System.nanoTime());
    }

    /** A reply was accepted: while people are asking, its latency is recorded and its chat asks again. */
    private void replied(long chat) {
        if (keepCalls) {
            return; // a test's chat, not a load run's person
        }
        Long asked = askedAt.remove(chat);
        if (asked == null) {
            unexpected++;
            return;
        }
        latencies.add((System.nanoTime() - asked) / 1e6);
        if (nextQuestion != null) {
            ask(chat);
        }
    }

    /** Keeps a call for the tests to read back; a load run keeps none. */
    private void keep(Call call) {
        if (keepCalls) {
            calls.add(call);
        }
    }

    synchronized int textMessage(long chatId, String chatType, long userId, String text) {
        ObjectNode message = message(chatId, chatType, userId);
        message.put("text", text);
        return enqueue("message", message);
    }

    synchronized int editedMessage(long chatId, long userId, String text) {
        return editedMessage(chatId, "private", userId, text);
    }

    /** A message edited to {@code text}: Telegram sends it again, with its own id, as an edited_message. */
    synchronized int editedMessage(long chatId, String chatType, long userId, String text) {
        ObjectNode message = message(chatId, chatType, userId);
        message.put("text", text);
        message.put("edit_date", 1_700_000_100);
        return enqueue("edited_message", message);
    }

    /** A photo whose caption was edited: an edited_message without text. */
    synchronized int editedPhoto(long chatId, String chatType, long userId) {
        ObjectNode message = message(chatId, chatType, userId);
        photo(message);
        message.put("caption", "what about seniors?");
        message.put("edit_date", 1_700_000_100);
        return enqueue("edited_message", message);
    }

    synchronized int sticker(long chatId, long userId) {
        return sticker(chatId, "private", userId);
    }

    synchronized int sticker(long chatId, String chatType, long userId) {
        ObjectNode message = message(chatId, chatType, userId);
        message.putObject("sticker").put("file_id", "sticker-1").put("file_unique_id", "u1")
                .put("type", "regular").put("width", 512).put("height", 512).put("is_animated", false)
                .put("is_video", false);
        return enqueue("message", message);
    }

    /** A photo, with a caption unless it is null: a message without text. */
    synchronized int photo(long chatId, String chatType, long userId, @Nullable String caption) {
        ObjectNode message = message(chatId, chatType, userId);
        photo(message);
        if (caption != null) {
            message.put("caption", caption);
        }
        return enqueue("message", message);
    }

    private static void photo(ObjectNode message) {
        message.putArray("photo").addObject().put("file_id", "photo-1").put("file_unique_id", "p1")
                .put("width", 90).put("height", 60).put("file_size", 1234);
    }

    synchronized int replyToBot(long chatId, long userId, String text) {
        ObjectNode message = message(chatId, "group", userId);
        message.put("text", text);
        ObjectNode replied = message(chatId, "group", BOT_ID);
        replied.withObject("from").put("is_bot", true).put("username", USERNAME);
        replied.put("text", "an earlier answer");
        message.set("reply_to_message", replied);
        return enqueue("message", message);
    }

    synchronized String callback(long chatId, long userId, String data) {
        return callback(chatId, userId, data, null);
    }

    /** A press of a button under {@code sent}, a message the bot sent: Telegram sends that message with it. */
    synchronized String callback(long chatId, long userId, String data, @Nullable JsonNode sent) {
        String id = "cb-" + nextUpdateId;
        ObjectNode callback = json.createObjectNode();
        callback.put("id", id);
        callback.set("from", user(userId));
        ObjectNode message = message(chatId, chatId < 0 ? "supergroup" : "private", BOT_ID);
        if (sent != null) {
            message.put("message_id", sent.get("message_id").asInt());
            message.set("reply_markup", sent.get("reply_markup"));
        }
        callback.set("message", message);
        callback.put("chat_instance", "ci-1");
        callback.put("data", data);
        ObjectNode update = json.createObjectNode();
        update.put("update_id", nextUpdateId++);
        update.set("callback_query", callback);
        pending.add(update);
        notifyAll();
        return id;
    }

    /** A callback query with no sender, which Telegram would never send: the bot must survive it. */
    synchronized void callbackWithoutSender(long chatId) {
        ObjectNode callback = json.createObjectNode();
        callback.put("id", "cb-" + nextUpdateId);
        callback.set("message", message(chatId, "private", BOT_ID));
        callback.put("chat_instance", "ci-1");
        callback.put("data", "t:salary");
        ObjectNode update = json.createObjectNode();
        update.put("update_id", nextUpdateId++);
        update.set("callback_query", callback);
        pending.add(update);
        notifyAll();
    }

    private int enqueue(String kind, ObjectNode message) {
        ObjectNode update = json.createObjectNode();
        update.put("update_id", nextUpdateId++);
        update.set(kind, message);
        pending.add(update);
        notifyAll();
        return message.get("message_id").asInt();
    }

    private ObjectNode message(long chatId, String chatType, long userId) {
        ObjectNode message = json.createObjectNode();
        message.put("message_id", nextMessageId++);
        message.put("date", 1_700_000_000);
        ObjectNode chat = message.putObject("chat").put("id", chatId).put("type", chatType);
        if (!chatType.equals("private")) {
            chat.put("title", "ML learners");
        }
        message.set("from", user(userId));
        return message;
    }

    private ObjectNode user(long userId) {
        return json.createObjectNode().put("id", userId).put("is_bot", false).put("first_name", "Ann");
    }

    synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Messages the server accepted for {@code chatId}, in order. */
    synchronized List<JsonNode> sent(long chatId) {
        return calls.stream().filter(c -> c.method().equals("sendMessage") && c.body().has("accepted"))
                .map(Call::body).filter(b -> b.get("chat_id").asLong() == chatId).toList();
    }

    /** The texts the messages sent to {@code chatId} show now, after their edits, oldest first. */
    synchronized List<String> shownTexts(long chatId) {
        return List.copyOf(shown.getOrDefault(chatId, java.util.Map.of()).values());
    }

    /** A message the bot sent before this server started, as after a restart: its id. */
    synchronized int existingMessage(long chatId, String text) {
        int id = nextMessageId++;
        shown.computeIfAbsent(chatId, c -> new java.util.TreeMap<>()).put(id, text);
        return id;
    }

    /** The person deletes every message in {@code chatId}: they can no longer be edited. */
    synchronized void deleteMessages(long chatId) {
        shown.remove(chatId);
    }

    /** The edits the server accepted in {@code chatId}, in order. */
    synchronized List<JsonNode> edits(long chatId) {
        return calls.stream().filter(c -> c.method().equals("editMessageText") && c.body().has("accepted"))
                .map(Call::body).filter(b -> b.get("chat_id").asLong() == chatId).toList();
    }

    /** The texts of the messages the server accepted for {@code chatId}, in order. */
    synchronized List<String> sentTexts(long chatId) {
        return sent(chatId).stream().map(r -> r.get("text").asText()).toList();
    }

    /** Waits until {@code chatId} has {@code count} accepted messages. */
    synchronized List<JsonNode> awaitSent(long chatId, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (sent(chatId).size() < count && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return sent(chatId);
    }

    /**
     * As {@link #awaitSent}, but failing the test at the deadline, saying what came: a wait that returns
     * what it has would let the test go on and fail later, far from the cause.
     */
    synchronized List<JsonNode> expectSent(long chatId, int count, long timeoutMillis) throws InterruptedException {
        List<JsonNode> sent = awaitSent(chatId, count, timeoutMillis);
        if (sent.size() < count) {
            fail("chat " + chatId + " got " + sent.size() + " of " + count
                    + " messages within " + timeoutMillis + " ms: " + sentTexts(chatId));
        }
        return sent;
    }

    /** Waits until {@code method} was called {@code count} times, refused calls included; false if it was not. */
    synchronized boolean awaitCall(String method, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (calls(method).size() < count && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return calls(method).size() >= count;
    }

    /** As {@link #awaitCall}, but failing the test at the deadline, saying how many calls came. */
    synchronized void expectCall(String method, int count, long timeoutMillis) throws InterruptedException {
        if (!awaitCall(method, count, timeoutMillis)) {
            fail(method + " was called " + calls(method).size() + " of " + count
                    + " times within " + timeoutMillis + " ms");
        }
    }

    /** Waits until every queued update was handed out and confirmed by a higher offset. */
    synchronized boolean awaitConfirmed(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return pending.isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String prefix = "/bot" + TOKEN + "/";
        byte[] request = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonNode body = type != null && type.startsWith("multipart/form-data") ? multipart(type, request)
                : json.readTree(request);
        if (body == null || body.isMissingNode()) {
            body = json.createObjectNode();
        }
        if (!path.startsWith(prefix)) {
            reply(exchange, 401, error(401, "Unauthorized"));
            return;
        }
        // Telegram matches method names without regard to case; telegrambots sends some in lower case.
        String method = CANONICAL.getOrDefault(path.substring(prefix.length()).toLowerCase(), "unknown");
        if (method.equals("sendMessage") && !awaitServing()) {
            exchange.close(); // held, then dropped: Telegram never read it
            return;
        }
        if (method.equals("getUpdates") && conflict()) {
            reply(exchange, 409, error(409, "Conflict: terminated by other getUpdates request; make sure that only "
                    + "one bot instance is running"));
            return;
        }
        int fault = method.equals("getUpdates") || method.equals("sendMessage") ? fault() : 0;
        if (fault == 1) {
            reply(exchange, 502, error(502, "Bad Gateway"));
            return;
        } else if (fault == 2) {
            ObjectNode tooMany = error(429, "Too Many Requests: retry after 1");
            tooMany.putObject("parameters").put("retry_after", 1);
            reply(exchange, 429, tooMany);
            return;
        } else if (fault == 3) {
            exchange.close(); // the connection drops; nothing was handled
            return;
        }
        ObjectNode response = switch (method) {
            case "getUpdates" -> getUpdates(body);
            case "getMe" -> ok(json.createObjectNode().put("id", BOT_ID).put("is_bot", true)
                    .put("first_name", "Career Advisor").put("username", USERNAME));
            case "sendMessage" -> sendMessage((ObjectNode) body);
            case "editMessageText" -> editMessageText((ObjectNode) body);
            case "sendPhoto" -> sendPhoto((ObjectNode) body);
            case "setMyCommands" -> menu(body);
            case "deleteWebhook", "setWebhook", "sendChatAction", "answerCallbackQuery",
                    "editMessageReplyMarkup" -> record(method, body);
            default -> error(404, "Not Found: method not found");
        };
        reply(exchange, response.get("ok").asBoolean() ? 200 : response.get("error_code").asInt(), response);
    }

    /** A setMyCommands call, kept whether taken or refused ({@link #refuseMenu}). */
    private synchronized ObjectNode menu(JsonNode body) {
        if (!refuseMenu) {
            return record("setMyCommands", body);
        }
        keep(new Call("setMyCommands", body));
        notifyAll();
        return error(400, "Bad Request: BOT_COMMAND_INVALID");
    }

    /** Waits while sends are held; false if this request was held and then dropped. */
    private synchronized boolean awaitServing() {
        int generation = holdGeneration;
        if (!holding) {
            return true;
        }
        held++;
        try {
            while (holding && generation == holdGeneration) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held--;
        }
        return false;
    }

    private synchronized boolean conflict() {
        if (conflicts == 0) {
            return false;
        }
        conflicts--;
        keep(new Call("getUpdates", json.createObjectNode().put("conflict", true)));
        notifyAll();
        return true;
    }

    /** 0 for none, else which fault to inject. */
    private synchronized int fault() {
        return faultRate > 0 && faults.nextDouble() < faultRate ? 1 + faults.nextInt(3) : 0;
    }

    private synchronized ObjectNode record(String method, JsonNode body) {
        keep(new Call(method, body));
        notifyAll();
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private synchronized ObjectNode getUpdates(JsonNode body) {
        int offset = body.path("offset").asInt(0);
        long timeout = body.path("timeout").asLong(0) * 1000;
        if (body instanceof ObjectNode stamped) {
            stamped.put("at", System.nanoTime());
        }
        keep(new Call("getUpdates", body));
        pending.removeIf(u -> u.get("update_id").asInt() < offset);
        notifyAll();
        long deadline = System.currentTimeMillis() + timeout;
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
        return ok(result);
    }

    private synchronized ObjectNode sendMessage(ObjectNode body) {
        body.put("at", System.nanoTime());
        keep(new Call("sendMessage", body));
        notifyAll(); // a waiter on calls learns of refused sends too
        if (blockedBy.contains(body.path("chat_id").asLong())) {
            return error(403, "Forbidden: bot was blocked by the user");
        }
        long now = System.nanoTime();
        while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
            lastSecond.pollFirst();
        }
        if (lastSecond.size() >= perSecondLimit) {
            tooMany++;
            ObjectNode tooMany = error(429, "Too Many Requests: retry after 1");
            tooMany.putObject("parameters").put("retry_after", 1);
            return tooMany;
        }
        lastSecond.addLast(now);
        if (throttled.getOrDefault(body.path("chat_id").asLong(), 0) > 0) {
            throttled.merge(body.path("chat_id").asLong(), -1, Integer::sum);
            ObjectNode tooMany = error(429, "Too Many Requests: retry after 1");
            tooMany.putObject("parameters").put("retry_after", 1);
            return tooMany;
        }
        String problem = problem(body);
        if (problem != null) {
            rejected++;
            return error(400, "Bad Request: " + problem);
        }
        body.put("accepted", true);
        replied(body.get("chat_id").asLong());
        notifyAll();
        ObjectNode message = message(body.get("chat_id").asLong(), "private", BOT_ID);
        String text = shownText(body);
        message.put("text", text);
        shown.computeIfAbsent(body.get("chat_id").asLong(), c -> new java.util.TreeMap<>())
                .put(message.get("message_id").asInt(), text);
        body.put("message_id", message.get("message_id").asInt());
        return ok(message);
    }

    /**
     * Changes the text of a message the bot sent, as Telegram does: the text is checked as a new message's
     * is, an unknown message is "not found", and the text it already shows is "not modified".
     */
    private synchronized ObjectNode editMessageText(ObjectNode body) {
        body.put("at", System.nanoTime());
        keep(new Call("editMessageText", body));
        notifyAll();
        long chat = body.path("chat_id").asLong();
        java.util.Map<Integer, String> messages = shown.getOrDefault(chat, java.util.Map.of());
        String before = messages.get(body.path("message_id").asInt());
        if (before == null) {
            return error(400, "Bad Request: message to edit not found");
        }
        String problem = problem(body);
        if (problem != null) {
            rejected++;
            return error(400, "Bad Request: " + problem);
        }
        String text = shownText(body);
        if (text.equals(before) && !body.has("reply_markup")) {
            return error(400, "Bad Request: message is not modified: specified new message content and reply "
                    + "markup are exactly the same as a current content and reply markup of the message");
        }
        messages.put(body.path("message_id").asInt(), text);
        body.put("accepted", true);
        notifyAll();
        ObjectNode message = message(chat, "private", BOT_ID);
        message.put("message_id", body.path("message_id").asInt());
        message.put("text", text);
        return ok(message);
    }

    /** The text of a message or edit as people see it. */
    private static String shownText(JsonNode body) {
        String text = body.path("text").asText("");
        return "HTML".equalsIgnoreCase(body.path("parse_mode").asText("")) ? visibleText(text) : text;
    }

    /** Why Telegram would refuse a message's or an edit's text and buttons, or null. */
    private @Nullable String problem(JsonNode body) {
        String text = body.path("text").asText("");
        boolean html = "HTML".equalsIgnoreCase(body.path("parse_mode").asText(""));
        String problem = html ? htmlProblem(text) : null;
        if (html && problem == null && rejectHtml > 0) {
            rejectHtml--;
            problem = "can't parse entities: injected fault";
        }
        String visible = html ? visibleText(text) : text;
        if (problem == null) {
            problem = textProblem(visible);
        }
        if (problem != null) {
            return problem;
        }
        JsonNode markup = body.get("reply_markup");
        if (markup != null) {
            for (JsonNode row : markup.path("inline_keyboard")) {
                for (JsonNode button : row) {
                    if (button.path("callback_data").asText().getBytes(StandardCharsets.UTF_8).length > 64) {
                        return "BUTTON_DATA_INVALID";
                    }
                }
            }
        }
        return null;
    }

    /**
     * What Telegram would refuse in a message's HTML, or null. As strict as the Bot API server's parser
     * (TDLib's {@code parse_html}) everywhere, and stricter where the Bot API's documentation is: every
     * {@code <}, {@code >} and {@code &} that is not part of a tag or an entity must be escaped (the
     * parser lets a lone {@code &} or {@code >} pass, the documentation does not), a named entity is one of
     * the four and ends with {@code ;}, and an end tag names its tag.
     */
    static @Nullable String htmlProblem(String text) {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&') {
                Matcher m = ENTITY.matcher(text).region(i, text.length());
                if (!m.lookingAt() || !validEntity(m.group(1))) {
                    return "can't parse entities: character '&' is reserved at byte offset " + i;
                }
                i = m.end() - 1;
            } else if (c == '>') {
                return "can't parse entities: character '>' is reserved at byte offset " + i;
            } else if (c == '<') {
                int end = text.indexOf('>', i);
                if (end < 0) {
                    return "can't parse entities: unclosed start tag at byte offset " + i;
                }
                String inside = text.substring(i + 1, end);
                if (inside.startsWith("/")) {
                    // TDLib compares the end tag's name as written with the start tag's in lower case.
                    String name = inside.substring(1).stripTrailing();
                    if (open.isEmpty()) {
                        return "can't parse entities: unexpected end tag at byte offset " + i;
                    }
                    String expected = open.remove(open.size() - 1);
                    if (!name.equals(expected)) {
                        return "can't parse entities: unmatched end tag at byte offset " + i + ", expected \"</"
                                + expected + ">\", found \"</" + name + ">\"";
                    }
                } else {
                    // The name runs to the first space, as TDLib reads it: "< b>" names no tag.
                    String[] nameAndAttributes = inside.split("[ \t\r\n]", 2);
                    String name = nameAndAttributes[0].toLowerCase(java.util.Locale.ROOT);
                    String attributes = nameAndAttributes.length > 1 ? nameAndAttributes[1] : "";
                    if (!TAGS.contains(name)) {
                        return "can't parse entities: unsupported start tag \"" + name + "\" at byte offset " + i;
                    }
                    if (name.equals("span") && !attributes.matches("\\s*class\\s*=\\s*[\"']?tg-spoiler[\"']?\\s*")) {
                        return "can't parse entities: tag \"span\" must have class \"tg-spoiler\" at byte offset " + i;
                    }
                    if (name.equals("tg-emoji") && !attributes.matches("\\s*emoji-id\\s*=\\s*[\"']?\\d+[\"']?\\s*")) {
                        return "can't parse entities: custom emoji entity must have a valid emoji-id at byte offset " + i;
                    }
                    open.add(name);
                }
                i = end;
            }
        }
        return open.isEmpty() ? null : "can't parse entities: can't find end tag corresponding to start tag \""
                + open.get(open.size() - 1) + "\"";
    }

    /** TDLib takes a number as a character only from 1 to U+10FFFF in under ten characters; a surrogate is no character. */
    private static boolean validEntity(String name) {
        if (!name.startsWith("#")) {
            return true;
        }
        if (name.length() > 8) {
            return false;
        }
        int code = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
        return code > 0 && code < 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    }

    /**
     * Telegram's server cleans a text before it checks it is not empty: ASCII control characters become
     * spaces, and blank and invisible characters at the ends are dropped; what is left must be valid UTF-8.
     */
    static @Nullable String textProblem(String shown) {
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "strings must be encoded in UTF-8";
            }
        }
        if (shown.replaceAll("[\\s\\p{Cc}\\p{Cf}\\p{Z}\\u2800\\u3164\\uFFFC]", "").isEmpty()) {
            return "message text is empty";
        }
        return shown.length() > 4096 ? "message is too long" : null;
    }

    static String visibleText(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    private ObjectNode ok(JsonNode result) {
        ObjectNode node = json.createObjectNode();
        node.put("ok", true);
        node.set("result", result);
        return node;
    }

    private ObjectNode error(int code, String description) {
        return json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Every setMyCommands call fails with HTTP 400 from now on, as for a menu Telegram will not take. */
    synchronized void refuseMenu() {
        refuseMenu = true;
    }

    /** The next {@code n} sendPhoto calls fail with HTTP {@code code}, e.g. 400 for a picture Telegram cannot read. */
    synchronized void failPhotos(int n, int code) {
        failPhotos = n;
        photoFailure = code;
    }

    /**
     * The photos the server accepted for {@code chatId}, in order: chat_id, caption, and {@code photo_png}
     * (the bytes uploaded) or {@code photo} (a file_id given before).
     */
    synchronized List<JsonNode> photos(long chatId) {
        return calls.stream().filter(c -> c.method().equals("sendPhoto") && c.body().has("accepted"))
                .map(Call::body).filter(b -> b.get("chat_id").asLong() == chatId).toList();
    }

    /**
     * A multipart/form-data request as telegrambots sends sendPhoto: each text field by its name, and a
     * file part's bytes under {@code file:} and its name (a field refers to it as {@code attach://NAME}).
     */
    private ObjectNode multipart(String contentType, byte[] request) {
        Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("multipart request without a boundary: " + contentType);
        }
        String all = new String(request, StandardCharsets.ISO_8859_1);
        ObjectNode fields = json.createObjectNode();
        for (String part : all.split(Pattern.quote("--" + m.group(1)))) {
            int blank = part.indexOf("\r\n\r\n");
            if (blank < 0) {
                continue; // the preamble, or the closing "--"
            }
            String headers = part.substring(0, blank);
            String content = part.substring(blank + 4, part.endsWith("\r\n") ? part.length() - 2 : part.length());
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) {
                continue;
            }
            if (file.find()) {
                fields.put("file:" + name.group(1), content.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                fields.put(name.group(1), new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /**
     * A photo, as Telegram takes it: an uploaded PNG gets a new file_id, a file_id must be one given before,
     * and a caption has at most 1024 characters.
     */
    private synchronized ObjectNode sendPhoto(ObjectNode body) throws IOException {
        body.put("at", System.nanoTime());
        keep(new Call("sendPhoto", body));
        notifyAll();
        if (failPhotos > 0) {
            failPhotos--;
            return error(photoFailure, photoFailure == 400 ? "Bad Request: IMAGE_PROCESS_FAILED"
                    : "Internal Server Error");
        }
        if (body.path("caption").asText("").length() > 1024) {
            return error(400, "Bad Request: message caption is too long");
        }
        String photo = body.path("photo").asText();
        if (photo.startsWith("attach://") && body.has("file:" + photo.substring("attach://".length()))) {
            body.set("photo_png", body.remove("file:" + photo.substring("attach://".length())));
        }
        String fileId;
        if (body.has("photo_png")) {
            byte[] png = body.get("photo_png").binaryValue();
            if (png.length < 8 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
                return error(400, "Bad Request: IMAGE_PROCESS_FAILED");
            }
            fileId = "chart-" + fileIds.size();
            fileIds.add(fileId);
        } else if (fileIds.contains(body.path("photo").asText())) {
            fileId = body.path("photo").asText();
        } else {
            return error(400, "Bad Request: wrong file identifier/HTTP URL specified");
        }
        body.put("accepted", true);
        notifyAll();
        ObjectNode message = message(body.get("chat_id").asLong(), "private", BOT_ID);
        message.putArray("photo").addObject().put("file_id", fileId).put("file_unique_id", "u-" + fileId)
                .put("width", 1080).put("height", 900);
        return ok(message);
    }

    @Override
    public void close() {
        dropHeld();
        server.stop(0);
    }
}
