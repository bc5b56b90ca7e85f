/**
 * The terminal front end: parses the command line and runs {@code chat} and {@code ask} (plain text, or
 * one JSON line per answer); it may import only {@code advisor}, {@code answer} and Jackson.
 */
@NullMarked
package io.github.careeradvisor.cli;

import org.jspecify.annotations.NullMarked;
