/**
 * Turns what a person typed into an answer, one turn in one shape (context, intent, handler, save),
 * personal from the profile, the roadmap and the certification catalog; it may import {@code knowledge},
 * {@code profile}, {@code retrieval}, {@code answer}, {@code generation}, {@code metrics} and Jackson,
 * and knows no front end.
 */
@NullMarked
package io.github.careeradvisor.advisor;

import org.jspecify.annotations.NullMarked;
