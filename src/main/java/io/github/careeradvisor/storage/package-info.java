/**
 * The one SQLite file under the data dir that profiles and the update journal share: its connection,
 * schema migrations and transactions; it may import only {@code config} and JDBC.
 */
@NullMarked
package io.github.careeradvisor.storage;

import org.jspecify.annotations.NullMarked;
