package dev.plugboard.sentry.lease;

/** Leases end to end on an SQLite store in a temporary folder. */
class SqliteLeaseCliIT extends LeaseRecoveryContract {
    @Override
    String newStore() {
        return work.resolve("store/plugboard.db").toString();
    }
}
