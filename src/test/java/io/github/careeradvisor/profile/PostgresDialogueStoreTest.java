package io.github.careeradvisor.profile;

/** The dialogue store's contract on a fresh database of the embedded PostgreSQL. */
class PostgresDialogueStoreTest extends DialogueStoreContract {

    PostgresDialogueStoreTest() {
        super(Kind.POSTGRESQL);
    }
}
