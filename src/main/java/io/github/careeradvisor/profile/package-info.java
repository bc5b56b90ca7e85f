/**
 * What the advisor remembers about each person (level, background, goal, cloud, hours, progress), the
 * recent turns of each conversation, the questions answered with the votes and comments on them, and the
 * weekly reminders, kept in the shared SQLite file; it may import only
 * {@code storage}, {@code config}, JDBC and Jackson.
 */
@NullMarked
package io.github.careeradvisor.profile;

import org.jspecify.annotations.NullMarked;
