package io.github.careeradvisor.monitoring;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics} on one port of every interface, as a container
 * needs (README, "Health and metrics"). Jetty's core server, without servlets: three fixed answers.
 */
public final class HealthServer implements AutoCloseable {

    static final String TEXT = "text/plain; charset=utf-8";
    /** Prometheus' text exposition format, the one {@link BotMetrics#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** A few threads: scrapes and probes are rare and quick. */
    private static final int THREADS = 6;

    private final Server server;
    private final ServerConnector connector;

    private HealthServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Serves on {@code port} (0: any free port, which {@link #port()} then tells). A port another program
     * holds is a configuration error naming the port and {@link Settings#HTTP_PORT}.
     */
    public static HealthServer start(int port, Readiness readiness, BotMetrics metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setName("http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setPort(port); // no host: every interface
        server.addConnector(connector);
        server.setHandler(new Routes(readiness, metrics));
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
        return new HealthServer(server, connector);
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

    /** The three paths; anything else is 404, anything but GET or HEAD 405. */
    private static final class Routes extends Handler.Abstract {

        private final Readiness readiness;
        private final BotMetrics metrics;

        Routes(Readiness readiness, BotMetrics metrics) {
            this.readiness = readiness;
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
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
