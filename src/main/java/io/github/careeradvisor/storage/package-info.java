/**
 * The data dir (created private to its owner, checked writable, locked by the running bot) and the one
 * SQLite file in it that profiles and the update journal share: its connection, schema migrations,
 * transactions and scrubbing; it may import only {@code config} and JDBC.
 */
@NullMarked
package io.github.careeradvisor.storage;

import org.jspecify.annotations.NullMarked;
