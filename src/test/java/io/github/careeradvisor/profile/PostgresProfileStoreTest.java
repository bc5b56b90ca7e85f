package io.github.careeradvisor.profile;

/** The profile store's contract on a fresh database of the embedded PostgreSQL. */
class PostgresProfileStoreTest extends ProfileStoreContract {

    PostgresProfileStoreTest() {
        super(Kind.POSTGRESQL);
    }
}
