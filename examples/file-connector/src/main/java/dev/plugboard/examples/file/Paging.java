package dev.plugboard.examples.file;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;
import java.util.List;
import java.util.Optional;

/** Offset paging: a page token is the index of the page's first item, as decimal text. */
final class Paging {
    private Paging() {
    }

    /**
     * @param all      every item of the listing, in a stable order
     * @param token    empty for the first page, else a token this method handed out
     * @param pageSize items per page
     * @return the page
     * @throws ConnectorException of kind INVALID_REQUEST for a token this connector did not hand out
     */
    static <T> Page<T> page(List<T> all, Optional<String> token, int pageSize) {
        int from = token.map(t -> offset(t, all.size())).orElse(0);
        int to = Math.min(all.size(), from + pageSize);
        List<T> items = all.subList(from, to);
        return to < all.size() ? Page.of(items, Integer.toString(to)) : Page.last(items);
    }

    private static int offset(String token, int size) {
        try {
            int offset = Integer.parseInt(token);
            if (offset > 0 && offset <= size) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new ConnectorException(ErrorKind.INVALID_REQUEST, "page token '" + token + "' was not handed out by"
                + " this connector for this listing (or the file changed since): start the listing again");
    }
}
