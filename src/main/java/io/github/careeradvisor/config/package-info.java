/**
 * The program's settings, read once from environment variables and checked at the edge (a bad value
 * names its variable), and the error that reports them; it imports no other package of the program.
 */
@NullMarked
package io.github.careeradvisor.config;

import org.jspecify.annotations.NullMarked;
