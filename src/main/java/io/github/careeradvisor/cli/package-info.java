/**
 * The terminal front end: parses the command line and runs {@code chat} and {@code ask} (plain text, or
 * one JSON line per answer), and reads {@code chart}'s and {@code report}'s arguments; it may import only
 * {@code advisor}, {@code answer}, {@code profile} (a level, the feedback report's records) and Jackson.
 */
@NullMarked
package io.github.careeradvisor.cli;

import org.jspecify.annotations.NullMarked;
