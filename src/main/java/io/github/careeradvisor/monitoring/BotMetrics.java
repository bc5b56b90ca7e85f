package io.github.careeradvisor.monitoring;

import io.github.careeradvisor.advisor.UsageStats;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.storage.DatabaseTime;
import io.github.careeradvisor.telegram.BotEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The bot's events counted in Micrometer's Prometheus registry, and the inbox and database read when
 * scraped; the README's "Health and metrics" table lists each metric. Labels hold only bounded names
 * (intents, Bot API methods, status codes): never a user id or a message's text.
 */
public final class BotMetrics implements BotEvents {

    /** The latency histogram's buckets: a few, from a quick answer to one a language model phrased slowly. */
    static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final Counter received;
    private final Timer latency;

    public BotMetrics(Clock clock) {
        this.clock = clock;
        this.received = Counter.builder("advisor.updates.received")
                .description("Updates from Telegram stored in the inbox, new").register(registry);
        this.latency = Timer.builder("advisor.answer")
                .description("From taking an update up to its answer's last part sent")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Shows the inbox's backlog, the database's time and the errors /stats counts, read at each scrape. */
    public void watch(UpdateInbox inbox, DatabaseTime database, UsageStats stats) {
        FunctionCounter.builder("advisor.errors", stats, UsageStats::errors)
                .description("Failures while handling a message or sending its reply (the errors /stats reports)")
                .register(registry);
        Gauge.builder("advisor.inbox.depth", inbox, i -> i.backlog().depth())
                .description("Stored updates waiting for their answer").register(registry);
        Gauge.builder("advisor.inbox.oldest.pending", inbox, this::oldestSeconds).baseUnit("seconds")
                .description("Age of the oldest update waiting for its answer (0 when none waits)").register(registry);
        databaseTimer("read", database, DatabaseTime::reads, DatabaseTime::readNanos);
        databaseTimer("write", database, DatabaseTime::writes, DatabaseTime::writeNanos);
    }

    private void databaseTimer(String operation, DatabaseTime database, ToLongFunction<DatabaseTime> count,
            ToLongFunction<DatabaseTime> nanos) {
        ToDoubleFunction<DatabaseTime> total = d -> nanos.applyAsLong(d);
        FunctionTimer.builder("advisor.database", database, count, total, TimeUnit.NANOSECONDS)
                .tag("operation", operation)
                .description("Database reads and writes and the time they took").register(registry);
    }

    private double oldestSeconds(UpdateInbox inbox) {
        Instant oldest = inbox.backlog().oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    @Override
    public void updateReceived() {
        received.increment();
    }

    @Override
    public void answered(String intent, boolean declined) {
        Counter.builder("advisor.answered").tag("intent", intent)
                .description("Messages the advisor answered, by what they were").register(registry).increment();
        if (declined) {
            Counter.builder("advisor.declined").tag("intent", intent)
                    .description("Questions the guides could not answer, by intent").register(registry).increment();
        }
    }

    @Override
    public void answerDelivered(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void botApiCall(String method, int status) {
        String code = status == NO_ANSWER ? "none" : Integer.toString(status);
        Counter.builder("telegram.api.calls").tags("method", method, "status", code)
                .description("Tries of Bot API calls, by method and HTTP status").register(registry).increment();
        if (status != 200) {
            Counter.builder("telegram.api.errors").tags("method", method, "status", code)
                    .description("Bot API tries that failed, by method and status").register(registry).increment();
        }
    }

    /** Every metric in Prometheus' text format. */
    String scrape() {
        return registry.scrape();
    }
}
