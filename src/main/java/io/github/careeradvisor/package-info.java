/**
 * Wires the application: reads settings, builds every part, and hands it to the command line; the
 * only package that may import every other, and none may import it.
 */
@NullMarked
package io.github.careeradvisor;

import org.jspecify.annotations.NullMarked;
