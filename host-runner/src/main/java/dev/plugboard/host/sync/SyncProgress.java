package dev.plugboard.host.sync;

/**
 * A snapshot of a running sync, for progress displays.
 *
 * @param records   records written so far (over a resumed run too)
 * @param resources resources written
 * @param grants    grants written
 * @param inFlight  plugin calls in flight
 * @param calls     plugin calls made in this run
 * @param requests  remote requests the plugin reported
 * @param retries   calls the host retried
 * @param status    the latest status line, or empty
 */
public record SyncProgress(long records, long resources, long grants, int inFlight, long calls, long requests,
                           long retries, String status) {
}
