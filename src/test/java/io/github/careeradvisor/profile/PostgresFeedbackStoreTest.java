package io.github.careeradvisor.profile;

/** The feedback store's contract on a fresh database of the embedded PostgreSQL. */
class PostgresFeedbackStoreTest extends FeedbackStoreContract {

    PostgresFeedbackStoreTest() {
        super(Kind.POSTGRESQL);
    }
}
