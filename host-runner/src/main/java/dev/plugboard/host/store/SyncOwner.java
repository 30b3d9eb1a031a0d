package dev.plugboard.host.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The process running a sync: its host, process id and process start, so another command can tell a running sync
 * from one whose process died ({@code kill -9}). On the same host the process table answers; from another host
 * (a shared PostgreSQL store) the heartbeat the running process refreshes does.
 *
 * @param host    the host name
 * @param pid     the process id
 * @param started when the process started, if the JDK knows
 */
record SyncOwner(String host, long pid, Optional<String> started) {
    /** A sync whose heartbeat is older than this, on another host, is taken as dead. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(2);
    /** How often a running sync refreshes its heartbeat. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(20);

    SyncOwner {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(started, "started");
    }

    /** @return this process */
    static SyncOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new SyncOwner(hostName(), self.pid(), self.info().startInstant().map(Instant::toString));
    }

    private static String hostName() {
        try {
            Path file = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(file)) {
                return Files.readString(file).trim();
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the environment
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /**
     * @param heartbeat the owner's last heartbeat
     * @param now       now
     * @return whether the owner still runs
     */
    boolean alive(Instant heartbeat, Instant now) {
        SyncOwner self = current();
        if (host.equals(self.host)) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return false;
            }
            Optional<String> start = process.get().info().startInstant().map(Instant::toString);
            return started.isEmpty() || start.isEmpty() || started.equals(start);
        }
        return heartbeat.isAfter(now.minus(HEARTBEAT_TIMEOUT));
    }

    /** @return e.g. {@code pid 1234 on host build-7} */
    String describe() {
        return "pid " + pid + " on host " + host;
    }
}
