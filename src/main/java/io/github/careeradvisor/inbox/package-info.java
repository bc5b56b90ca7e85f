/**
 * The exactly-once journal of Telegram updates and their replies, kept so a restart loses and repeats
 * nothing; it may import only {@code storage} and JDBC, and knows nothing of profiles or of Telegram's types.
 */
@NullMarked
package io.github.careeradvisor.inbox;

import org.jspecify.annotations.NullMarked;
