@NullMarked
package io.github.careeradvisor.cli;

import org.jspecify.annotations.NullMarked;
