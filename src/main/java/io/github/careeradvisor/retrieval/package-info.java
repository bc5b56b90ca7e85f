@NullMarked
package io.github.careeradvisor.retrieval;

import org.jspecify.annotations.NullMarked;
