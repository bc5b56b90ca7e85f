package io.github.careeradvisor.profile;

/** The reminder store's contract on a real SQLite file in a temporary data dir. */
class SqliteReminderStoreTest extends ReminderStoreContract {

    SqliteReminderStoreTest() {
        super(Kind.SQLITE);
    }
}
