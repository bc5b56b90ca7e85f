package io.github.careeradvisor.profile;

/** The reminder store's contract on a fresh database of the embedded PostgreSQL. */
class PostgresReminderStoreTest extends ReminderStoreContract {

    PostgresReminderStoreTest() {
        super(Kind.POSTGRESQL);
    }
}
