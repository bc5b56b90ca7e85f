/**
 * The benchmark, in the test sources so that the product jar holds none of it: speed, memory, scale and
 * answer quality, measured beside the plain langchain4j recipe; it may import any product package.
 */
@NullMarked
package io.github.careeradvisor.bench;

import org.jspecify.annotations.NullMarked;
