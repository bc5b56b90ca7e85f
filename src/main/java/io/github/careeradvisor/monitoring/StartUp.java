package io.github.careeradvisor.monitoring;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Readiness across start-up: not ready while the index is built and the bot connects, then whatever the
 * check given at {@link #done} says (the database answering, in the bot).
 */
public final class StartUp implements Readiness {

    static final String STARTING = "starting: the index is being built and the bot connected to Telegram";

    private volatile @Nullable Readiness after;

    /** Start-up is over: from now on {@code check} says whether the bot is ready. */
    public void done(Readiness check) {
        after = check;
    }

    @Override
    public Optional<String> notReadyBecause() {
        Readiness check = after;
        return check == null ? Optional.of(STARTING) : check.notReadyBecause();
    }
}
