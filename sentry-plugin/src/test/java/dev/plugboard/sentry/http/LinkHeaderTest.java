package dev.plugboard.sentry.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkHeaderTest {
    private static final String BASE = "https://sentry.io/api/0/organizations/acme/members/?per_page=100";

    @Test
    void followsNextWhenItHasResults() {
        String h = "<" + BASE + "&cursor=100:-1:1>; rel=\"previous\"; results=\"false\"; cursor=\"100:-1:1\", "
                + "<" + BASE + "&cursor=100:1:0>; rel=\"next\"; results=\"true\"; cursor=\"100:1:0\"";
        assertEquals(Optional.of("100:1:0"), LinkHeader.nextCursor(Optional.of(h)));
    }

    @Test
    void stopsWhenNextHasNoResultsEvenIfPreviousHas() {
        String h = "<" + BASE + "&cursor=100:0:1>; rel=\"previous\"; results=\"true\"; cursor=\"100:0:1\", "
                + "<" + BASE + "&cursor=100:2:0>; rel=\"next\"; results=\"false\"; cursor=\"100:2:0\"";
        assertEquals(Optional.empty(), LinkHeader.nextCursor(Optional.of(h)));
    }

    @Test
    void toleratesSpacingCaseAndCommasInUrls() {
        String h = "<https://x/api/0/a/?q=a,b&cursor=0:100:0>;rel=previous;results=false;cursor=\"0:0:1\","
                + "<https://x/api/0/a/?q=a,b&cursor=0:100:0> ;  REL=\"Next\" ; Results=\"TRUE\" ; cursor=\"0:100:0\"";
        assertEquals(Optional.of("0:100:0"), LinkHeader.nextCursor(Optional.of(h)));
    }

    @Test
    void noHeaderOrNoNextMeansLastPage() {
        assertEquals(Optional.empty(), LinkHeader.nextCursor(Optional.empty()));
        assertEquals(Optional.empty(), LinkHeader.nextCursor(Optional.of("")));
        assertEquals(Optional.empty(), LinkHeader.nextCursor(Optional.of(
                "<" + BASE + ">; rel=\"previous\"; results=\"true\"; cursor=\"1:0:1\"")));
    }
}
