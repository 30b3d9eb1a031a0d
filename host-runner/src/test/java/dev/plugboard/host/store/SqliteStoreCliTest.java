package dev.plugboard.host.store;

/** The store's commands on an SQLite store in a temporary folder. */
class SqliteStoreCliTest extends StoreCliContract {
    @Override
    String newStore() {
        return work.resolve("store/plugboard.db").toString();
    }
}
