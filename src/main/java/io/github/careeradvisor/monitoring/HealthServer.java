package io.github.careeradvisor.monitoring;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.telegram.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics} on one port of every interface, as a container
 * needs (README, "Health and metrics"), and in webhook mode the path Telegram posts updates to (README,
 * "Webhook mode"), whose logic is the {@link WebhookReceiver}'s. Jetty's core server, without servlets.
 */
public final class HealthServer implements AutoCloseable {

    static final String TEXT = "text/plain; charset=utf-8";
    /** Prometheus' text exposition format, the one {@link BotMetrics#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Scrapes and probes are rare and quick; the rest serve the webhook's connections (at most 8 from Telegram). */
    private static final int THREADS = 16;
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private final Server server;
    private final ServerConnector connector;
    private final Routes routes;

    private HealthServer(Server server, ServerConnector connector, Routes routes) {
        this.server = server;
        this.connector = connector;
        this.routes = routes;
    }

    /**
     * Serves on {@code port} (0: any free port, which {@link #port()} then tells). A port another program
     * holds is a configuration error naming the port and {@link Settings#HTTP_PORT}.
     */
    public static HealthServer start(int port, Readiness readiness, BotMetrics metrics) {
        // Jetty pads its queues to a cache line, counted in references; unless told how many fill one, it asks
        // the platform MBean server whether references are compressed, and making that server is a tenth of a
        // second of a start's CPU. 16 fill a 64-byte line at 4 bytes each, two lines at 8: padding enough.
        System.getProperties().putIfAbsent(REFERENCES_PER_CACHE_LINE, "16");
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setName("http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setPort(port); // no host: every interface
        server.addConnector(connector);
        Routes routes = new Routes(readiness, metrics);
        server.setHandler(routes);
        try {
            // Bound here, not in start(): Jetty would log a failed bind with its stack trace.
            connector.open();
        } catch (IOException e) {
            throw new ConfigException(Settings.HTTP_PORT + " " + port + " cannot be used: the port is taken by "
                    + "another program or not allowed (" + e.getMessage() + "); set " + Settings.HTTP_PORT
                    + " to a free port, or off");
        }
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("starting the HTTP server on port " + port + " failed: " + e.getMessage(), e);
        }
        return new HealthServer(server, connector, routes);
    }

    /**
     * From now on POSTs to {@code path} go to {@code receiver}: the server is up before the bot that
     * receives, so /healthz answers while the index is built.
     */
    public void receiveUpdates(String path, WebhookReceiver receiver) {
        routes.webhook = new Webhook(path, receiver);
    }

    private record Webhook(String path, WebhookReceiver receiver) {
    }

    /** The port served, the one the OS chose if 0 was asked for. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed: " + e.getMessage(), e);
        }
    }

    /** The three paths and the webhook's; anything else is 404, anything but GET or HEAD (POST for the webhook) 405. */
    private static final class Routes extends Handler.Abstract {

        private final Readiness readiness;
        private final BotMetrics metrics;
        private volatile @Nullable Webhook webhook;

        Routes(Readiness readiness, BotMetrics metrics) {
            this.readiness = readiness;
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Webhook posted = webhook;
            if (posted != null && posted.path().equals(Request.getPathInContext(request))) {
                return update(posted.receiver(), request, response, callback);
            }
            String method = request.getMethod();
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                return answer(response, callback, 405, TEXT, "only GET and HEAD are served");
            }
            return switch (Request.getPathInContext(request)) {
                case "/healthz" -> answer(response, callback, 200, TEXT, "ok");
                case "/readyz" -> ready(response, callback);
                case "/metrics" -> answer(response, callback, 200, PROMETHEUS_TEXT, metrics.scrape());
                default -> answer(response, callback, 404, TEXT, "not found: try /healthz, /readyz or /metrics");
            };
        }

        /** A POST from Telegram: the body read up to the limit, then the receiver's status, with a short reason. */
        private static boolean update(WebhookReceiver receiver, Request request, Response response, Callback callback) {
            if (!HttpMethod.POST.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                return answer(response, callback, 405, TEXT, "only POST is served here");
            }
            if (request.getLength() > WebhookReceiver.MAX_BODY_BYTES) {
                return tooLarge(response, callback);
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(WebhookReceiver.MAX_BODY_BYTES + 1);
            } catch (IOException e) {
                return answer(response, callback, 400, TEXT, "the body could not be read");
            }
            if (body.length > WebhookReceiver.MAX_BODY_BYTES) {
                return tooLarge(response, callback);
            }
            int status = receiver.receive(request.getHeaders().get(WebhookReceiver.SECRET_HEADER), body);
            return answer(response, callback, status, TEXT, switch (status) {
                case 200 -> "ok";
                case 400 -> "not a Telegram update";
                case 401 -> "wrong or missing secret token";
                case 503 -> "not taking updates now; send it again later";
                default -> "refused";
            });
        }

        private static boolean tooLarge(Response response, Callback callback) {
            return answer(response, callback, 413, TEXT, "the body is over " + WebhookReceiver.MAX_BODY_BYTES + " bytes");
        }

        private boolean ready(Response response, Callback callback) {
            Optional<String> why;
            try {
                why = readiness.notReadyBecause();
            } catch (RuntimeException e) {
                why = Optional.of("the check failed: " + e.getMessage());
            }
            return why.isPresent() ? answer(response, callback, 503, TEXT, "not ready: " + why.get())
                    : answer(response, callback, 200, TEXT, "ready");
        }

        private static boolean answer(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            String text = body.endsWith("\n") ? body : body + "\n";
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
