/**
 * The data dir (created private to its owner, checked writable, locked by the running bot, its files
 * written whole, files of the jar copied into it once) and the database that profiles and the update
 * journal share: the SQLite file in the data dir, or the PostgreSQL several replicas share; their
 * connections, schema migrations (Flyway), transactions and scrubbing. It may import only {@code config}, JDBC and the database libraries, which stay here.
 */
@NullMarked
package io.github.careeradvisor.storage;

import org.jspecify.annotations.NullMarked;
