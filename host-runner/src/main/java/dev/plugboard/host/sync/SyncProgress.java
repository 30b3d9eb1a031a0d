package dev.plugboard.host.sync;

/**
 * A snapshot of a running sync, for progress displays. Every count but {@code inFlight} covers the whole sync: after
 * a resume it includes what the interrupted run(s) did, as the summary does.
 *
 * @param records   records written so far (resource types, resources, entitlements and grants; not the summary)
 * @param resources resources written
 * @param grants    grants written
 * @param inFlight  plugin calls in flight now
 * @param calls     plugin calls made (pages fetched), not counting retries
 * @param requests  remote requests the plugin reported
 * @param retries   calls the host retried (requests the plugin retried itself are not counted here)
 * @param status    the latest status line from the plugin or a retry, or empty
 */
public record SyncProgress(long records, long resources, long grants, int inFlight, long calls, long requests,
                           long retries, String status) {
}
