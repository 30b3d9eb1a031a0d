package dev.plugboard.sentry.reports;

import dev.plugboard.spi.Column;
import dev.plugboard.spi.ReportDefinition;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One report as data: its parameters, what it pages through, the request per target and page, how the answer
 * becomes row objects, and its columns.
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
 */
record ReportSpec(String id, String title, String description, List<Param> params, TargetKind targets,
                  BiFunction<Inputs, Target, ApiCall> request, Shape shape, Function<Inputs, String> label,
                  Optional<String> windowFilter, List<Col> columns) {

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
    }

    /** @return the SPI definition, with its parameter schema */
    ReportDefinition definition() {
        return new ReportDefinition(id, title, description, Param.schema(title, params),
                columns.stream().map(Col::column).toList());
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
}
