@NullMarked
package io.github.careeradvisor.advisor;

import org.jspecify.annotations.NullMarked;
