/**
 * Syncs: {@link dev.plugboard.host.sync.SyncEngine} walks a plugin's {@code ResourceSync} (types, resources,
 * children, entitlements, grants, every page) with several calls in flight and writes the records in one
 * deterministic order to a {@link dev.plugboard.host.sync.SyncRecordSink}, such as
 * {@link dev.plugboard.host.sync.JsonLinesSyncWriter} (the sync file format, docs/sync-format.md, its record kinds
 * in {@link dev.plugboard.host.sync.RecordKind}). {@link dev.plugboard.host.sync.SyncJob} runs one sync to a stream or
 * to a file with checkpoints ({@link dev.plugboard.host.sync.CheckpointFile}) so an interrupted sync resumes;
 * {@link dev.plugboard.host.sync.SyncProgressDisplay} shows progress on stderr.
 */
package dev.plugboard.host.sync;
