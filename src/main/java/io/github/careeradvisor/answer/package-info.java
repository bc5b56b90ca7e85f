@NullMarked
package io.github.careeradvisor.answer;

import org.jspecify.annotations.NullMarked;
