@NullMarked
package io.github.careeradvisor.knowledge;

import org.jspecify.annotations.NullMarked;
