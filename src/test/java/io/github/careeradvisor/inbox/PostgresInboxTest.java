package io.github.careeradvisor.inbox;

/** The journal's contract on a fresh database of the embedded PostgreSQL. */
class PostgresInboxTest extends InboxContract {

    PostgresInboxTest() {
        super(Kind.POSTGRESQL);
    }
}
