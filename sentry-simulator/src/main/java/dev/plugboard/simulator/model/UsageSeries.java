package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.List;

/**
 * Hourly usage counts (Sentry's outcomes) per project, category and outcome, computed from the seed by a hash:
 * nothing is stored, the same inputs give the same counts, and hours outside the 90 days of retention are zero.
 */
public final class UsageSeries {
    /** The categories the simulator counts. */
    public static final List<String> CATEGORIES = List.of("error", "transaction", "attachment");
    /** The outcomes the simulator counts. */
    public static final List<String> OUTCOMES = List.of("accepted", "filtered", "rate_limited", "invalid",
            "client_discard");

    private final long seed;
    private final Instant now;

    /** Usage for a seed, with retention ending at {@code now}. */
    public UsageSeries(long seed, Instant now) {
        this.seed = seed;
        this.now = now;
    }

    /** The reason Sentry gives for an outcome ({@code none} for accepted). */
    public static String reason(String outcome) {
        return switch (outcome) {
            case "accepted" -> "none";
            case "filtered" -> "browser-extensions";
            case "rate_limited" -> "project_quota";
            case "invalid" -> "invalid_payload";
            default -> "sample_rate";
        };
    }

    /** The quantity for one project (generation index), category, outcome and hour (epoch hour). */
    public long quantity(int projectIndex, int category, int outcome, long epochHour) {
        long nowHour = now.getEpochSecond() / 3_600;
        if (epochHour >= nowHour || epochHour < nowHour - ProjectDataGenerator.RETENTION.toHours()) {
            return 0;
        }
        long h = mix(seed ^ mix(projectIndex * 0x9E3779B97F4A7C15L ^ (category * 31L + outcome) ^ (epochHour << 8)));
        int base = switch (category) {
            case 0 -> 20;
            case 1 -> 120;
            default -> 3;
        };
        if (outcome == 0) {
            return Math.floorMod(h, base + 1);
        }
        return Math.floorMod(h, 10) == 0 ? Math.floorMod(h >>> 8, base / 4 + 2) : 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
