package dev.plugboard.simulator.http;

import java.util.List;
import java.util.Map;

/**
 * Sentry's cursor pagination: slices a list and builds the {@code Link} header, always with a previous and a next
 * link, previous first: {@code <URL&cursor=C>; rel="previous"; results="false"; cursor="C", <...>; rel="next"; ...}.
 */
public final class Paginator {
    /** Default and maximum page size. */
    public static final int MAX_PER_PAGE = 100;

    /** How cursors encode the position. */
    public enum Style {
        /** {@code perPage:page:isPrev}, as Sentry's OffsetPaginator (members, teams, projects). */
        PAGE,
        /** {@code 0:row:isPrev}, as Sentry's offset paginators over event-like rows. */
        ROW
    }

    /** One page of items and the headers to send with it. */
    public record Page<T>(List<T> items, Map<String, String> headers) {
    }

    private final String baseUrl;

    /** A paginator building absolute links on this base URL. */
    public Paginator(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The page size from {@code per_page} (default 100, 400 beyond 100 or below 1). */
    public static int perPage(ApiRequest request) {
        return limitParam(request, "per_page");
    }

    /** The page size from a named parameter (default 100, 400 beyond 100 or below 1). */
    public static int limitParam(ApiRequest request, String name) {
        String raw = request.param(name).orElse("");
        if (raw.isEmpty()) {
            return MAX_PER_PAGE;
        }
        int n;
        try {
            n = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid " + name + " parameter.");
        }
        if (n > MAX_PER_PAGE) {
            throw ApiError.badRequest("Invalid " + name + " value. Cannot exceed " + MAX_PER_PAGE + ".");
        }
        if (n < 1) {
            throw ApiError.badRequest("Invalid " + name + " parameter.");
        }
        return n;
    }

    /** One page of {@code all} for the request's cursor. */
    public <T> Page<T> page(ApiRequest request, List<T> all, int perPage, Style style) {
        Cursor cursor = request.param("cursor").filter(c -> !c.isBlank()).map(Cursor::parse)
                .orElse(new Cursor(style == Style.PAGE ? perPage : 0, 0, false));
        long start;
        long pageNumber = 0;
        if (style == Style.PAGE) {
            long size = cursor.value() > 0 ? cursor.value() : perPage;
            pageNumber = cursor.offset();
            start = pageNumber * size;
        } else {
            start = cursor.offset();
        }
        if (start < 0) {
            throw ApiError.badRequest("Invalid cursor parameter.");
        }
        int from = (int) Math.min(start, all.size());
        int to = (int) Math.min((long) from + perPage, all.size());
        List<T> items = all.subList(from, to);
        boolean hasNext = to < all.size();
        boolean hasPrev = from > 0;
        Cursor prev;
        Cursor next;
        if (style == Style.PAGE) {
            prev = new Cursor(perPage, pageNumber - 1, true);
            next = new Cursor(perPage, pageNumber + 1, false);
        } else {
            prev = new Cursor(0, Math.max(0, start - perPage), true);
            next = new Cursor(0, start + perPage, false);
        }
        String link = link(request, "previous", prev, hasPrev) + ", " + link(request, "next", next, hasNext);
        return new Page<>(List.copyOf(items), Map.of("Link", link));
    }

    private String link(ApiRequest request, String rel, Cursor cursor, boolean results) {
        String query = request.queryWithoutCursor();
        String uri = baseUrl + request.path() + "?" + query;
        return "<" + uri + "&cursor=" + cursor + ">; rel=\"" + rel + "\"; results=\"" + results + "\"; cursor=\""
                + cursor + "\"";
    }
}
