package dev.plugboard.sentry.reports;

import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.Incremental;
import dev.plugboard.spi.ReportDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One report as data: its parameters, what it pages through, the request per target and page, how the answer
 * becomes row objects, and its columns. Written with {@link #report} and the {@link Builder}'s named parts, so the
 * {@link Catalog} reads like a table.
 *
 * @param id           the report id
 * @param title        its title
 * @param description  what a row is and where it comes from
 * @param params       the parameters it takes
 * @param targets      what it pages through
 * @param request      the request for a target (the cursor is added per page)
 * @param shape        how an answer becomes row objects
 * @param label        for {@link Shape#SERIES}: the outcome label when not grouped by outcome
 * @param windowFilter a timestamp field that must fall in the date window, for endpoints that cannot filter
 * @param columns      the columns
 * @param incremental  how the host may fetch it incrementally (its lower bound narrows the date window), if it can
 */
record ReportSpec(String id, String title, String description, List<Param> params, TargetKind targets,
                  BiFunction<Inputs, Target, SentryRequest> request, Shape shape, Function<Inputs, String> label,
                  Optional<String> windowFilter, List<Col> columns, Optional<Incremental> incremental) {

    /** What a report pages through. */
    enum TargetKind {
        /** Nothing: one listing. */
        NONE,
        /** The {@code projects} parameter, resolved against the organization's projects. */
        PROJECTS,
        /** The {@code teams} parameter, resolved against the organization's teams. */
        TEAMS,
        /** The {@code teams} parameter, each with its projects' ids. */
        TEAMS_WITH_PROJECTS,
        /** The {@code issue} parameter. */
        ISSUES
    }

    ReportSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        params = List.copyOf(params);
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(windowFilter, "windowFilter");
        columns = List.copyOf(columns);
        Objects.requireNonNull(incremental, "incremental");
        if (incremental.isPresent() && !params.contains(Param.WINDOW)) {
            throw new IllegalArgumentException("report " + id + ": an incremental report must take a date window");
        }
    }

    /** @return the SPI definition, with its parameter schema */
    ReportDefinition definition() {
        ReportDefinition d = new ReportDefinition(id, title, description, Param.schema(title, params),
                columns.stream().map(Col::column).toList());
        return incremental.map(d::withIncremental).orElse(d);
    }

    /** @return every parameter name the report takes */
    Set<String> parameterNames() {
        return Param.allNames(params);
    }

    /** @return whether the report takes a date window */
    boolean windowed() {
        return params.contains(Param.WINDOW);
    }

    /** @return the declared columns */
    List<Column> declaredColumns() {
        return columns.stream().map(Col::column).toList();
    }

    /**
     * @param id    the report id
     * @param title its title
     * @return a builder: a LIST report over no targets, without parameters, label or window filter until told
     */
    static Builder report(String id, String title) {
        return new Builder(id, title);
    }

    /** Names each part of a {@link ReportSpec}. */
    static final class Builder {
        private final String id;
        private final String title;
        private String description = "";
        private List<Param> params = List.of();
        private TargetKind targets = TargetKind.NONE;
        private BiFunction<Inputs, Target, SentryRequest> request;
        private Shape shape = Shape.LIST;
        private Function<Inputs, String> label = in -> "";
        private Optional<String> windowFilter = Optional.empty();
        private Optional<Incremental> incremental = Optional.empty();

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** @return this, with what a row is and where it comes from */
        Builder description(String text) {
            this.description = text;
            return this;
        }

        /** @return this, with the parameters the report takes */
        Builder params(Param... p) {
            this.params = List.of(p);
            return this;
        }

        /** @return this, with the parameters the report takes */
        Builder params(List<Param> p) {
            this.params = List.copyOf(p);
            return this;
        }

        /** @return this, paging through these targets, one request per target and page */
        Builder over(TargetKind kind, BiFunction<Inputs, Target, SentryRequest> perTarget) {
            this.targets = kind;
            this.request = perTarget;
            return this;
        }

        /** @return this, reading one listing (no targets) */
        Builder reads(Function<Inputs, SentryRequest> listing) {
            return over(TargetKind.NONE, (in, t) -> listing.apply(in));
        }

        /** @return this, with how an answer becomes row objects (default {@link Shape#LIST}) */
        Builder shape(Shape s) {
            this.shape = s;
            return this;
        }

        /** @return this, with the outcome label of a {@link Shape#SERIES} not grouped by outcome */
        Builder label(Function<Inputs, String> l) {
            this.label = l;
            return this;
        }

        /** @return this, keeping only rows whose timestamp at this JSON pointer falls in the date window */
        Builder windowFilter(String pointer) {
            this.windowFilter = Optional.of(pointer);
            return this;
        }

        /**
         * @param cursor     the timestamp column that grows for new or changed rows
         * @param rowsChange whether rows change after they first appear
         * @param key        the columns that identify a row
         * @return this, fetched incrementally by the host: its lower bound narrows the date window's start, and
         *         Sentry keeps the data {@value DateWindow#RETENTION_DAYS} days
         */
        Builder incremental(String cursor, boolean rowsChange, String... key) {
            this.incremental = Optional.of(Incremental.of(cursor, rowsChange, key)
                    .withRetention(java.time.Duration.ofDays(DateWindow.RETENTION_DAYS)));
            return this;
        }

        /** @return the report, with these columns in this order */
        @SafeVarargs
        final ReportSpec columns(List<Col>... groups) {
            List<Col> all = new ArrayList<>();
            for (List<Col> g : groups) {
                all.addAll(g);
            }
            return new ReportSpec(id, title, description, params, targets, request, shape, label, windowFilter, all,
                    incremental);
        }
    }
}
