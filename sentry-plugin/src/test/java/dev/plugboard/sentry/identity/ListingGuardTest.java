package dev.plugboard.sentry.identity;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A listing whose cursor never ends stops at the documented bound, with a clear error. */
class ListingGuardTest {
    @Test
    void aListingThatNeverEndsStopsAtTheBound() {
        ListingGuard guard = new ListingGuard(ConnectorLogger.silent(), 3);
        Function<String, String> id = Function.identity();
        assertEquals(List.of("a"), guard.admit("members", true, new Page<>(List.of("a"), Optional.of("c1")), id)
                .items());
        assertEquals(List.of("b"), guard.admit("members", false, new Page<>(List.of("b"), Optional.of("c2")), id)
                .items());
        assertEquals(List.of("c"), guard.admit("members", false, new Page<>(List.of("c"), Optional.of("c3")), id)
                .items());
        ConnectorException e = assertThrows(ConnectorException.class, () -> guard.admit("members", false,
                new Page<>(List.of("d"), Optional.of("c4")), id));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals("Sentry kept answering the members listing with a next page: 3 pages is the most the connector"
                + " reads from one listing, so its cursor does not end. Stopped; try again later.", e.getMessage());
        // a new listing (first page again) starts afresh
        assertEquals(List.of("a"), guard.admit("members", true, new Page<>(List.of("a"), Optional.empty()), id)
                .items());
        assertEquals(10_000, ListingGuard.MAX_PAGES);
    }
}
