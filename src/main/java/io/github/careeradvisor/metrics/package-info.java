/**
 * Figures about how the program runs (latency percentiles), shared by the bot's {@code /stats} and
 * the benchmark; it imports nothing of the project's or anyone else's.
 */
@NullMarked
package io.github.careeradvisor.metrics;

import org.jspecify.annotations.NullMarked;
