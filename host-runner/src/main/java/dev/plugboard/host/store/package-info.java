/**
 * The store: the host's memory between runs (docs/store.md). One JDBC schema on two engines, an SQLite file by
 * default and PostgreSQL when several hosts share it, migrated by Flyway when opened ({@link
 * dev.plugboard.host.store.StoreOpener}). Connections, syncs as rows, and records as validity intervals (each distinct
 * version once, with the first and last completed sync that saw it); diff, timeline, access at a date and pruning
 * are queries over those intervals. Commands use it only through {@link dev.plugboard.host.store.Store}, so none
 * knows which engine it talks to.
 */
package dev.plugboard.host.store;
