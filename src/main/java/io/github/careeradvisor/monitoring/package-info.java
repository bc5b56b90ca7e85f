/**
 * What operators watch while the bot runs (README, "Health and metrics"): the HTTP server of
 * {@code /healthz}, {@code /readyz} and {@code /metrics} (and, in webhook mode, the webhook's path, whose
 * requests it hands to {@code telegram.WebhookReceiver}), and the Prometheus registry the bot's events are
 * counted in. The only package that may import Jetty and Micrometer, and besides them {@code telegram}
 * (whose events it counts), {@code advisor} (the errors /stats counts), {@code inbox}, {@code storage} and {@code config}.
 */
@NullMarked
package io.github.careeradvisor.monitoring;

import org.jspecify.annotations.NullMarked;
