/**
 * The Plugboard host: the {@code plugboard} command ({@link dev.plugboard.host.Main}) and what it runs plugins with.
 * Subpackages, each depending only on those listed after it (ARCHITECTURE.md; {@code ArchitectureTest} fails on a
 * cycle): {@code cli} (the commands), {@code access} (effective access from a sync file), {@code report} (running
 * reports), {@code sync} (the sync engine and the sync file), {@code output} (files and tables), {@code runtime}
 * (what a running plugin is given: context, retries), {@code config} (configuration files, schemas, secrets),
 * {@code plugin} (loading plugin jars) and {@code json} (the module's Jackson).
 */
package dev.plugboard.host;
