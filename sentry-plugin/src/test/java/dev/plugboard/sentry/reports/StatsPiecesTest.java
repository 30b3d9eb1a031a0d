package dev.plugboard.sentry.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsPiecesTest {
    private static Instant at(String t) {
        return Instant.parse(t);
    }

    @Test
    void aWindowIsCutAtIntervalBoundariesIntoCallsSentryAccepts() {
        DateWindow w = new DateWindow(at("2025-12-15T10:30:00Z"), at("2026-03-15T10:30:00Z"));
        assertEquals(List.of(new DateWindow(at("2025-12-15T10:30:00Z"), at("2026-01-26T01:00:00Z")),
                new DateWindow(at("2026-01-26T01:00:00Z"), at("2026-03-08T16:00:00Z")),
                new DateWindow(at("2026-03-08T16:00:00Z"), at("2026-03-15T10:30:00Z"))), StatsPieces.split(w, 3_600));
        // Sentry's count for each piece (end inclusive: one second more, rounded up to whole hours) is at most 1,000
        for (DateWindow p : StatsPieces.split(w, 3_600)) {
            long range = p.end().getEpochSecond() - p.start().getEpochSecond() + 1;
            assertTrue((range + 3_599) / 3_600 <= 1_000, p.toString());
        }
        assertEquals(List.of(w), StatsPieces.split(w, 86_400), "91 daily buckets: one call");
        assertEquals(86_400, StatsPieces.seconds("1d"));
        assertEquals(43_200, StatsPieces.seconds("12h"));
    }

    @Test
    void aBucketBelongsToOnePieceEvenWhenTheServerWidensAPiece() {
        DateWindow first = new DateWindow(at("2025-12-15T10:30:00Z"), at("2026-01-26T01:00:00Z"));
        DateWindow second = new DateWindow(at("2026-01-26T01:00:00Z"), at("2026-03-08T16:00:00Z"));
        // the bucket the window starts in is the first piece's
        assertTrue(StatsPieces.keeps(at("2025-12-15T10:00:00Z"), first, 3_600));
        assertFalse(StatsPieces.keeps(at("2025-12-15T09:00:00Z"), first, 3_600));
        // Sentry answers the second piece from one hour earlier (its end rounding): that bucket is the first's
        assertFalse(StatsPieces.keeps(at("2026-01-26T00:00:00Z"), second, 3_600));
        assertTrue(StatsPieces.keeps(at("2026-01-26T00:00:00Z"), first, 3_600));
        assertTrue(StatsPieces.keeps(at("2026-01-26T01:00:00Z"), second, 3_600));
        assertFalse(StatsPieces.keeps(at("2026-03-08T16:00:00Z"), second, 3_600));
    }
}
