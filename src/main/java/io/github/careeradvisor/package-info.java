/** Wires the application: reads settings, builds every part, and hands it to the command line. */
@NullMarked
package io.github.careeradvisor;

import org.jspecify.annotations.NullMarked;
