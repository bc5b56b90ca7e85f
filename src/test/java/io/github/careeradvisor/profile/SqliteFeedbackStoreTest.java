package io.github.careeradvisor.profile;

/** The feedback store's contract on a real SQLite file in a temporary data dir. */
class SqliteFeedbackStoreTest extends FeedbackStoreContract {

    SqliteFeedbackStoreTest() {
        super(Kind.SQLITE);
    }
}
