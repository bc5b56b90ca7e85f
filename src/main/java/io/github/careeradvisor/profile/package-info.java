/** What the advisor remembers about each person: level, background, goal, cloud, hours, progress. */
@NullMarked
package io.github.careeradvisor.profile;

import org.jspecify.annotations.NullMarked;
