package io.github.careeradvisor.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of the program, read once from the environment (see the README's settings table) and handed to the
 * parts that need it. Defaults are applied here and nowhere else.
 */
public record Settings(
        Path knowledgeDir,
        Path dataDir,
        @Nullable String telegramToken,
        URI telegramApiUrl,
        Set<Long> allowedUsers,
        Set<Long> adminIds,
        int onnxThreads,
        boolean quantizedModel,
        int questionsPerMinute,
        int contextMinutes,
        @Nullable LanguageModel languageModel,
        int httpPort,
        @Nullable Webhook webhook,
        @Nullable SharedDatabase database) {

    public static final String KNOWLEDGE_DIR = "ADVISOR_KNOWLEDGE_DIR";
    public static final String DATA_DIR = "ADVISOR_DATA_DIR";
    public static final String TELEGRAM_TOKEN = "TELEGRAM_BOT_TOKEN";
    public static final String TELEGRAM_API_URL = "TELEGRAM_API_URL";
    public static final String ALLOWED_USERS = "ADVISOR_ALLOWED_USERS";
    public static final String ADMIN_IDS = "ADVISOR_ADMIN_IDS";
    /** ONNX Runtime threads per embedded text: 1 (the default) suits many people asking at once, 0 = every core. */
    public static final String ONNX_THREADS = "ADVISOR_ONNX_THREADS";
    /**
     * The embedding model: {@code quantized} (the default), all-MiniLM-L6-v2 with 8-bit weights, or
     * {@code float}, the same model as trained: three times the time per question, a few more facts found
     * (README, "Performance").
     */
    public static final String MODEL = "ADVISOR_MODEL";
    static final String FLOAT_MODEL = "float";
    static final String QUANTIZED_MODEL = "quantized";
    /** Questions one person may ask the bot a minute; the first one over gets a notice, the rest nothing. */
    public static final String RATE_LIMIT = "ADVISOR_RATE_LIMIT";
    /** How long a conversation thread is remembered for follow-ups, in minutes. */
    public static final String CONTEXT_MINUTES = "ADVISOR_CONTEXT_MINUTES";
    /** Base URL of an OpenAI-compatible API that phrases answers; unset, answers are extractive. */
    public static final String LLM_URL = "ADVISOR_LLM_URL";
    public static final String LLM_MODEL = "ADVISOR_LLM_MODEL";
    /** The model API's bearer key: a secret, never printed, logged or stored. */
    public static final String LLM_API_KEY = "ADVISOR_LLM_API_KEY";
    /** Seconds one generated reply may take before the extractive answer is used. */
    public static final String LLM_TIMEOUT = "ADVISOR_LLM_TIMEOUT";
    /** Port of /healthz, /readyz and /metrics (README, "Health and metrics"); 0 or {@code off} turns them off. */
    public static final String HTTP_PORT = "ADVISOR_HTTP_PORT";
    /** The public https URL Telegram posts updates to; set, the bot runs in webhook mode instead of polling. */
    public static final String WEBHOOK_URL = "TELEGRAM_WEBHOOK_URL";
    /** Required with {@link #WEBHOOK_URL}: the secret Telegram sends with every update; never printed or logged. */
    public static final String WEBHOOK_SECRET = "TELEGRAM_WEBHOOK_SECRET";
    /** {@code jdbc:postgresql://…}: set, every piece of state lives in PostgreSQL instead of the data dir's SQLite file. */
    public static final String DATABASE_URL = "ADVISOR_DATABASE_URL";
    public static final String DATABASE_USER = "ADVISOR_DATABASE_USER";
    /** The PostgreSQL password: a secret, never printed or logged. */
    public static final String DATABASE_PASSWORD = "ADVISOR_DATABASE_PASSWORD";
    /** {@link #httpPort()} when the HTTP server is off. */
    public static final int HTTP_OFF = 0;

    static final String DEFAULT_KNOWLEDGE_DIR = "knowledge";
    static final String DEFAULT_DATA_DIR = "data";
    static final String DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org";
    /**
     * ONNX threads per embedded text when {@link #ONNX_THREADS} is not set: one, so concurrent questions
     * use every core. The one home of this default; the embedder is always given a count.
     */
    public static final int DEFAULT_ONNX_THREADS = 1;
    static final int DEFAULT_RATE_LIMIT = 20;
    static final int DEFAULT_CONTEXT_MINUTES = 180;
    static final int DEFAULT_LLM_TIMEOUT = 20;
    static final int DEFAULT_HTTP_PORT = 8080;
    static final String LLM_URL_EXAMPLE = "http://localhost:11434/v1";

    /** BotFather tokens look like {@code 123456789:AAH...}: a numeric bot id, a colon, a secret. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,}");
    /** What Telegram accepts as a webhook's secret_token. */
    private static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    /** Paths the HTTP server answers itself, which a webhook cannot take. */
    private static final Set<String> SERVED_PATHS = Set.of("/healthz", "/readyz", "/metrics");

    public Settings {
        allowedUsers = Set.copyOf(allowedUsers);
        adminIds = Set.copyOf(adminIds);
    }

    /** Reads the settings from environment variables; a bad value throws {@link ConfigException}. */
    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                path(env, KNOWLEDGE_DIR, DEFAULT_KNOWLEDGE_DIR),
                path(env, DATA_DIR, DEFAULT_DATA_DIR),
                blankToNull(env.get(TELEGRAM_TOKEN)),
                url(env, TELEGRAM_API_URL, DEFAULT_TELEGRAM_API_URL),
                ids(env, ALLOWED_USERS),
                ids(env, ADMIN_IDS),
                count(env, ONNX_THREADS, DEFAULT_ONNX_THREADS, 0, 64),
                quantized(env),
                count(env, RATE_LIMIT, DEFAULT_RATE_LIMIT, 1, 10_000),
                count(env, CONTEXT_MINUTES, DEFAULT_CONTEXT_MINUTES, 1, 7 * 24 * 60),
                languageModel(env),
                httpPort(env),
                webhook(env),
                database(env));
    }

    /** The webhook, if {@link #WEBHOOK_URL} is set: then the bot is told updates at it instead of polling. */
    public Optional<Webhook> webhookIfSet() {
        return Optional.ofNullable(webhook);
    }

    private static @Nullable Webhook webhook(Map<String, String> env) {
        String value = blankToNull(env.get(WEBHOOK_URL));
        if (value == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(WEBHOOK_URL + " '" + value + "' is not a valid URL: " + e.getReason());
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new ConfigException(WEBHOOK_URL + " '" + value + "' is not an https URL: Telegram posts updates "
                    + "only to https, e.g. https://bot.example.com/telegram (a reverse proxy ends TLS and forwards to "
                    + HTTP_PORT + ")");
        }
        if (SERVED_PATHS.contains(url.getPath())) {
            throw new ConfigException(WEBHOOK_URL + " '" + value + "' has the path " + url.getPath()
                    + ", which the HTTP server serves itself; choose another, e.g. /telegram");
        }
        String secret = env.get(WEBHOOK_SECRET);
        if (secret == null || secret.isEmpty()) {
            throw new ConfigException(WEBHOOK_SECRET + " is not set: it is required with " + WEBHOOK_URL
                    + "; set it to 1-256 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (!SECRET_SHAPE.matcher(secret).matches()) {
            throw new ConfigException(WEBHOOK_SECRET + " is malformed: expected 1-256 characters of A-Z, a-z, 0-9, "
                    + "_ and - (the value is not shown)");
        }
        if (httpPort(env) == HTTP_OFF) {
            throw new ConfigException(HTTP_PORT + " '" + env.get(HTTP_PORT).strip() + "' turns the HTTP server off, "
                    + "but " + WEBHOOK_URL + " is set and Telegram's updates arrive through it; give a port, or unset "
                    + WEBHOOK_URL + " to poll");
        }
        return new Webhook(url, secret);
    }

    /** The shared PostgreSQL database, if {@link #DATABASE_URL} is set; unset, SQLite under the data dir. */
    public Optional<SharedDatabase> databaseIfSet() {
        return Optional.ofNullable(database);
    }

    private static @Nullable SharedDatabase database(Map<String, String> env) {
        String value = blankToNull(env.get(DATABASE_URL));
        if (value == null) {
            return null;
        }
        String url = value.strip();
        if (!url.startsWith("jdbc:postgresql://") || url.length() == "jdbc:postgresql://".length()) {
            throw new ConfigException(DATABASE_URL + " '" + SharedDatabase.mask(url) + "' is not a PostgreSQL JDBC URL: "
                    + "expected jdbc:postgresql://host:5432/advisor (unset it to keep the SQLite file in "
                    + DATA_DIR + ")");
        }
        String user = blankToNull(env.get(DATABASE_USER));
        String password = env.get(DATABASE_PASSWORD);
        return new SharedDatabase(url, user == null ? null : user.strip(),
                password == null || password.isEmpty() ? null : password);
    }

    /** The port of the HTTP server, if it is on. */
    public java.util.OptionalInt httpPortIfOn() {
        return httpPort == HTTP_OFF ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(httpPort);
    }

    private static int httpPort(Map<String, String> env) {
        String value = env.get(HTTP_PORT);
        if (value == null || value.isBlank()) {
            return DEFAULT_HTTP_PORT;
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return HTTP_OFF;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= HTTP_OFF && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(HTTP_PORT + " '" + value + "' is not a port: give a number from 1 to 65535, "
                + "or off (or 0) to run without /healthz, /readyz and /metrics");
    }

    /** The model that phrases answers, if {@link #LLM_URL} is set; then {@link #LLM_MODEL} must be too. */
    public Optional<LanguageModel> languageModelIfSet() {
        return Optional.ofNullable(languageModel);
    }

    private static @Nullable LanguageModel languageModel(Map<String, String> env) {
        if (blankToNull(env.get(LLM_URL)) == null) {
            return null;
        }
        URI url = url(env, LLM_URL, LLM_URL_EXAMPLE);
        String model = blankToNull(env.get(LLM_MODEL));
        if (model == null) {
            throw new ConfigException(LLM_MODEL + " is not set: it is required with " + LLM_URL + " '" + url
                    + "'; name the model to use, e.g. " + LLM_MODEL + "=llama3.1");
        }
        String key = blankToNull(env.get(LLM_API_KEY));
        return new LanguageModel(url, model.strip(), key == null ? null : key.strip(),
                count(env, LLM_TIMEOUT, DEFAULT_LLM_TIMEOUT, 1, 600));
    }

    /** The bot token, checked for BotFather's shape; never put into a message. */
    public String requireTelegramToken() {
        String token = telegramToken;
        if (token == null) {
            throw new ConfigException(TELEGRAM_TOKEN + " is not set: get a token from @BotFather and set "
                    + TELEGRAM_TOKEN + " to run the bot");
        }
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            throw new ConfigException(TELEGRAM_TOKEN + " is malformed: expected the form '123456789:ABC…' "
                    + "that @BotFather gives (the value is not shown)");
        }
        return token;
    }

    public Optional<String> telegramTokenIfSet() {
        return Optional.ofNullable(telegramToken);
    }

    private static Path path(Map<String, String> env, String name, String fallback) {
        String value = Optional.ofNullable(blankToNull(env.get(name))).orElse(fallback);
        try {
            return Path.of(value.strip());
        } catch (RuntimeException e) {
            throw new ConfigException(name + " '" + value + "' is not a valid path: " + e.getMessage());
        }
    }

    private static URI url(Map<String, String> env, String name, String fallback) {
        String value = Optional.ofNullable(blankToNull(env.get(name))).orElse(fallback).strip();
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(name + " '" + value + "' is not an http(s) URL such as " + fallback);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(name + " '" + value + "' is not a valid URL: " + e.getReason());
        }
    }

    private static boolean quantized(Map<String, String> env) {
        String value = blankToNull(env.get(MODEL));
        if (value == null || value.strip().equalsIgnoreCase(QUANTIZED_MODEL)) {
            return true;
        }
        if (value.strip().equalsIgnoreCase(FLOAT_MODEL)) {
            return false;
        }
        throw new ConfigException(MODEL + " '" + value + "' is not a model: use " + QUANTIZED_MODEL + " (the default) or "
                + FLOAT_MODEL);
    }

    private static int count(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " '" + value + "' is not a whole number from " + min + " to " + max);
    }

    private static Set<Long> ids(Map<String, String> env, String name) {
        String value = env.get(name);
        Set<Long> ids = new TreeSet<>();
        if (value == null || value.isBlank()) {
            return ids;
        }
        for (String part : value.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " '" + value + "' has '" + id
                        + "', which is not a Telegram user id (expected comma-separated numbers)");
            }
        }
        return ids;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // The token is a secret: it never appears in a log line or an error.
        return "Settings[knowledgeDir=" + knowledgeDir + ", dataDir=" + dataDir + ", telegramToken="
                + (telegramToken == null ? "unset" : "set") + ", telegramApiUrl=" + telegramApiUrl
                + ", allowedUsers=" + allowedUsers + ", adminIds=" + adminIds + ", onnxThreads=" + onnxThreads + ", quantizedModel=" + quantizedModel
                + ", questionsPerMinute=" + questionsPerMinute + ", contextMinutes=" + contextMinutes
                + ", languageModel=" + (languageModel == null ? "unset" : languageModel) + ", httpPort="
                + (httpPort == HTTP_OFF ? "off" : httpPort) + ", webhook=" + (webhook == null ? "unset" : webhook) + ", database="
                + (database == null ? "SQLite in the data dir" : database) + "]";
    }
}
