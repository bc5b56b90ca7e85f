package io.github.careeradvisor.profile;

/** The dialogue store's contract on a real SQLite file in a temporary data dir. */
class SqliteDialogueStoreTest extends DialogueStoreContract {

    SqliteDialogueStoreTest() {
        super(Kind.SQLITE);
    }
}
