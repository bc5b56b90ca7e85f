/**
 * Composes an answer from the retrieved passages, saying only what they say and naming their sources,
 * as a record any front end can render; it may import only {@code knowledge}, {@code retrieval} and {@code chart} (the record of a picture an
 * answer carries).
 */
@NullMarked
package io.github.careeradvisor.answer;

import org.jspecify.annotations.NullMarked;
