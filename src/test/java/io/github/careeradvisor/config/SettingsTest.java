package io.github.careeradvisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final String TOKEN = "123456789:AAHfakefakefakefakefakefake_fake-xyz";

    @Test
    void uses_the_contract_defaults_when_nothing_is_set() {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertEquals(Path.of("knowledge"), settings.knowledgeDir());
        assertEquals(Path.of("data"), settings.dataDir());
        assertEquals(URI.create("https://api.telegram.org"), settings.telegramApiUrl());
        assertTrue(settings.telegramTokenIfSet().isEmpty());
        assertTrue(settings.allowedUsers().isEmpty());
        assertEquals(java.util.OptionalInt.of(8080), settings.httpPortIfOn());
    }

    @Test
    void the_http_port_is_a_port_or_off() {
        for (String off : List.of("off", "OFF", " 0 ")) {
            assertTrue(Settings.fromEnvironment(Map.of("ADVISOR_HTTP_PORT", off)).httpPortIfOn().isEmpty(), off);
        }
        assertEquals(java.util.OptionalInt.of(9100),
                Settings.fromEnvironment(Map.of("ADVISOR_HTTP_PORT", "9100")).httpPortIfOn());
        assertEquals(java.util.OptionalInt.of(65_535),
                Settings.fromEnvironment(Map.of("ADVISOR_HTTP_PORT", "65535")).httpPortIfOn());
    }

    @Test
    void a_bad_http_port_names_the_variable_and_the_value() {
        for (String bad : List.of("http", "65536", "-1", "80.5")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Settings.fromEnvironment(Map.of("ADVISOR_HTTP_PORT", bad)));

            assertEquals("ADVISOR_HTTP_PORT '" + bad + "' is not a port: give a number from 1 to 65535, or off "
                    + "(or 0) to run without /healthz, /readyz and /metrics", e.getMessage());
        }
    }

    @Test
    void the_embedding_model_is_the_quantized_one_unless_the_float_one_is_named() {
        assertTrue(Settings.fromEnvironment(Map.of()).quantizedModel());
        assertTrue(Settings.fromEnvironment(Map.of("ADVISOR_MODEL", " ")).quantizedModel());
        assertFalse(Settings.fromEnvironment(Map.of("ADVISOR_MODEL", " Float ")).quantizedModel());
        assertTrue(Settings.fromEnvironment(Map.of("ADVISOR_MODEL", "quantized")).quantizedModel());
        assertTrue(Settings.fromEnvironment(Map.of("ADVISOR_MODEL", "QUANTIZED ")).quantizedModel());
    }

    @Test
    void a_bad_model_names_the_variable_the_value_and_the_choices() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.fromEnvironment(Map.of("ADVISOR_MODEL", "int8")));

        assertEquals("ADVISOR_MODEL 'int8' is not a model: use quantized (the default) or float", e.getMessage());
    }

    @Test
    void reads_every_variable() {
        Settings settings = Settings.fromEnvironment(Map.of(
                "ADVISOR_KNOWLEDGE_DIR", "docs/kb", "ADVISOR_DATA_DIR", "/var/lib/advisor",
                "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "http://127.0.0.1:8081/",
                "ADVISOR_ALLOWED_USERS", " 1, 22 ,333", "ADVISOR_ADMIN_IDS", "22"));

        assertEquals(Path.of("docs/kb"), settings.knowledgeDir());
        assertEquals(Path.of("/var/lib/advisor"), settings.dataDir());
        assertEquals(URI.create("http://127.0.0.1:8081"), settings.telegramApiUrl());
        assertEquals(Set.of(1L, 22L, 333L), settings.allowedUsers());
        assertEquals(Set.of(22L), settings.adminIds());
        assertEquals(TOKEN, settings.requireTelegramToken());
    }

    @Test
    void a_bad_user_list_names_the_variable_and_the_value() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.fromEnvironment(Map.of("ADVISOR_ALLOWED_USERS", "12,bob")));

        assertEquals("ADVISOR_ALLOWED_USERS '12,bob' has 'bob', which is not a Telegram user id "
                + "(expected comma-separated numbers)", e.getMessage());
    }

    @Test
    void a_bad_api_url_names_the_variable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.fromEnvironment(Map.of("TELEGRAM_API_URL", "ftp://example")));

        assertEquals("TELEGRAM_API_URL 'ftp://example' is not an http(s) URL such as https://api.telegram.org",
                e.getMessage());
    }

    @Test
    void a_missing_or_malformed_token_is_named_but_never_shown() {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> Settings.fromEnvironment(Map.of()).requireTelegramToken());
        ConfigException malformed = assertThrows(ConfigException.class,
                () -> Settings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", "secret-value")).requireTelegramToken());

        assertTrue(missing.getMessage().startsWith("TELEGRAM_BOT_TOKEN is not set"));
        assertTrue(malformed.getMessage().startsWith("TELEGRAM_BOT_TOKEN is malformed"));
        assertFalse(malformed.getMessage().contains("secret-value"));
    }

    @Test
    void the_token_never_appears_in_the_settings_text() {
        Settings settings = Settings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", TOKEN));

        assertFalse(settings.toString().contains(TOKEN));
        assertTrue(settings.toString().contains("telegramToken=set"));
    }

    @Test
    void the_language_model_is_off_when_its_url_is_unset_or_empty() {
        assertTrue(Settings.fromEnvironment(Map.of()).languageModelIfSet().isEmpty());
        assertTrue(Settings.fromEnvironment(Map.of("ADVISOR_LLM_URL", " ", "ADVISOR_LLM_MODEL", "llama3.1"))
                .languageModelIfSet().isEmpty());
    }

    @Test
    void reads_the_language_model_with_a_default_timeout_of_twenty_seconds() {
        LanguageModel model = Settings.fromEnvironment(Map.of("ADVISOR_LLM_URL", "http://localhost:11434/v1/",
                "ADVISOR_LLM_MODEL", "llama3.1")).languageModelIfSet().orElseThrow();

        assertEquals(new LanguageModel(URI.create("http://localhost:11434/v1"), "llama3.1", null, 20), model);
    }

    @Test
    void a_url_without_a_model_names_the_missing_setting() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.fromEnvironment(Map.of("ADVISOR_LLM_URL", "http://localhost:11434/v1")));

        assertEquals("ADVISOR_LLM_MODEL is not set: it is required with ADVISOR_LLM_URL 'http://localhost:11434/v1'; "
                + "name the model to use, e.g. ADVISOR_LLM_MODEL=llama3.1", e.getMessage());
    }

    @Test
    void a_bad_model_url_or_timeout_names_the_setting_and_the_value() {
        ConfigException url = assertThrows(ConfigException.class, () -> Settings.fromEnvironment(Map.of(
                "ADVISOR_LLM_URL", "localhost:11434", "ADVISOR_LLM_MODEL", "llama3.1")));
        ConfigException timeout = assertThrows(ConfigException.class, () -> Settings.fromEnvironment(Map.of(
                "ADVISOR_LLM_URL", "http://localhost:11434/v1", "ADVISOR_LLM_MODEL", "llama3.1",
                "ADVISOR_LLM_TIMEOUT", "0")));

        assertEquals("ADVISOR_LLM_URL 'localhost:11434' is not an http(s) URL such as http://localhost:11434/v1",
                url.getMessage());
        assertEquals("ADVISOR_LLM_TIMEOUT '0' is not a whole number from 1 to 600", timeout.getMessage());
    }

    @Test
    void the_api_key_never_appears_in_the_settings_text() {
        Settings settings = Settings.fromEnvironment(Map.of("ADVISOR_LLM_URL", "https://api.example.com/v1",
                "ADVISOR_LLM_MODEL", "gpt-4o-mini", "ADVISOR_LLM_API_KEY", "sk-very-secret-123", "ADVISOR_LLM_TIMEOUT", "5"));

        assertEquals("sk-very-secret-123", settings.languageModelIfSet().orElseThrow().apiKey());
        assertFalse(settings.toString().contains("sk-very-secret-123"));
        assertTrue(settings.toString().contains("apiKey=set"));
    }

    private static final String SECRET = "hook_Secret-42";

    @Test
    void without_a_webhook_url_the_bot_polls() {
        assertTrue(Settings.fromEnvironment(Map.of("TELEGRAM_WEBHOOK_SECRET", SECRET)).webhookIfSet().isEmpty());
    }

    @Test
    void a_webhook_url_and_secret_make_webhook_mode_served_on_the_urls_path() {
        Settings settings = Settings.fromEnvironment(Map.of("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/tg/hook",
                "TELEGRAM_WEBHOOK_SECRET", SECRET, "ADVISOR_HTTP_PORT", "9100"));

        Webhook webhook = settings.webhookIfSet().orElseThrow();
        assertEquals(URI.create("https://bot.example.com/tg/hook"), webhook.url());
        assertEquals(SECRET, webhook.secret());
        assertEquals("/tg/hook", webhook.path());
        assertEquals("/", new Webhook(URI.create("https://bot.example.com"), SECRET).path());
        assertFalse(settings.toString().contains(SECRET), settings.toString());
        assertTrue(settings.toString().contains("webhook=Webhook[url=https://bot.example.com/tg/hook, secret=set]"),
                settings.toString());
    }

    @Test
    void a_webhook_url_that_is_not_https_is_refused_naming_it() {
        for (String url : List.of("http://bot.example.com/hook", "bot.example.com/hook", "https:///hook")) {
            ConfigException e = assertThrows(ConfigException.class, () -> Settings.fromEnvironment(
                    Map.of("TELEGRAM_WEBHOOK_URL", url, "TELEGRAM_WEBHOOK_SECRET", SECRET)), url);
            assertEquals("TELEGRAM_WEBHOOK_URL '" + url + "' is not an https URL: Telegram posts updates only to "
                    + "https, e.g. https://bot.example.com/telegram (a reverse proxy ends TLS and forwards to "
                    + "ADVISOR_HTTP_PORT)", e.getMessage());
        }
    }

    @Test
    void a_webhook_path_the_http_server_serves_itself_is_refused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.fromEnvironment(Map.of(
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/metrics", "TELEGRAM_WEBHOOK_SECRET", SECRET)));

        assertEquals("TELEGRAM_WEBHOOK_URL 'https://bot.example.com/metrics' has the path /metrics, which the HTTP "
                + "server serves itself; choose another, e.g. /telegram", e.getMessage());
    }

    @Test
    void webhook_mode_needs_a_secret_of_telegrams_shape_and_never_shows_it() {
        ConfigException missing = assertThrows(ConfigException.class, () -> Settings.fromEnvironment(
                Map.of("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook")));
        assertEquals("TELEGRAM_WEBHOOK_SECRET is not set: it is required with TELEGRAM_WEBHOOK_URL; set it to "
                + "1-256 characters of A-Z, a-z, 0-9, _ and -", missing.getMessage());
        for (String bad : List.of("has space", "semi;colon", "ü-umlaut", "x".repeat(257))) {
            ConfigException e = assertThrows(ConfigException.class, () -> Settings.fromEnvironment(
                    Map.of("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook", "TELEGRAM_WEBHOOK_SECRET", bad)));
            assertEquals("TELEGRAM_WEBHOOK_SECRET is malformed: expected 1-256 characters of A-Z, a-z, 0-9, _ and - "
                    + "(the value is not shown)", e.getMessage(), bad);
        }
        assertEquals("x".repeat(256), Settings.fromEnvironment(Map.of("TELEGRAM_WEBHOOK_URL",
                "https://bot.example.com/hook", "TELEGRAM_WEBHOOK_SECRET", "x".repeat(256))).webhookIfSet()
                .orElseThrow().secret());
    }

    @Test
    void webhook_mode_with_the_http_server_off_is_refused_naming_the_port_setting() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.fromEnvironment(Map.of(
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook", "TELEGRAM_WEBHOOK_SECRET", SECRET,
                "ADVISOR_HTTP_PORT", "off")));

        assertEquals("ADVISOR_HTTP_PORT 'off' turns the HTTP server off, but TELEGRAM_WEBHOOK_URL is set and "
                + "Telegram's updates arrive through it; give a port, or unset TELEGRAM_WEBHOOK_URL to poll",
                e.getMessage());
    }
}
