@NullMarked
package io.github.careeradvisor.config;

import org.jspecify.annotations.NullMarked;
