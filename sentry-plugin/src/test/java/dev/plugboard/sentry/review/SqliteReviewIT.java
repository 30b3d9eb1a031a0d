package dev.plugboard.sentry.review;

/** {@code plugboard review} against the simulator, on an SQLite store in a temporary folder. */
class SqliteReviewIT extends ReviewContract {
    @Override
    String newStore() {
        return work.resolve("store/plugboard.db").toString();
    }
}
