/**
 * What replicas of the bot sharing one PostgreSQL coordinate through it besides the inbox's claims
 * (README, "Run at scale"): the times they send at, so Telegram's limits hold whichever replica sends;
 * the questions each person asked in the last minute; and which replica polls Telegram. It may import
 * only {@code storage}, {@code config} and JDBC; it knows nothing of Telegram's types.
 */
@NullMarked
package io.github.careeradvisor.replicas;

import org.jspecify.annotations.NullMarked;
