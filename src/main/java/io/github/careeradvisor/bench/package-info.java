/** The benchmark: speed, memory, scale and answer quality, measured beside the plain langchain4j recipe. */
@NullMarked
package io.github.careeradvisor.bench;

import org.jspecify.annotations.NullMarked;
