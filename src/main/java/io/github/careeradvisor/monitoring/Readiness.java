package io.github.careeradvisor.monitoring;

import java.util.Optional;

/** Whether the bot can answer now: empty when it can, else why not, on one line (what {@code /readyz} says). */
@FunctionalInterface
public interface Readiness {

    Optional<String> notReadyBecause();
}
