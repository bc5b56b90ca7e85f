/**
 * What operators watch while the bot runs (README, "Health and metrics"): the HTTP server of
 * {@code /healthz}, {@code /readyz} and {@code /metrics}, and the Prometheus registry the bot's events are
 * counted in. Jetty and Micrometer types stay in this package.
 */
@NullMarked
package io.github.careeradvisor.monitoring;

import org.jspecify.annotations.NullMarked;
