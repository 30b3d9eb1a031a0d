package dev.plugboard.sentry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.SentryApi;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Progress;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The Sentry connector's sixteen reports ({@link Catalog}), run page by page over the connector's HTTP layer.
 *
 * <p>A report over several projects, teams or issues reads them in turn, one Sentry page (100 items) per report
 * page; the page token says which target and Sentry cursor come next, and carries the resolved targets and the
 * date window, so a resumed run reads exactly what the first page started. Projects and teams given by slug, id
 * or "all" are resolved by listing the organization's projects or teams once, on the first page. Requests to
 * the event lists go one at a time per connector (Sentry allows one concurrent project-events request).
 */
public final class SentryReports implements Reports {
    private static final Pattern ORG_SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");
    /** The intervals stats_v2 accepts: whole hours that divide a day (src/sentry/snuba/sessions_v2.py). */
    private static final Pattern INTERVAL = Pattern.compile("1h|2h|3h|4h|6h|8h|12h|24h|1d");
    private static final Pattern ISSUE_ID = Pattern.compile("[0-9]{1,19}");
    private static final List<String> OUTCOMES = List.of("accepted", "filtered", "rate_limited", "invalid", "abuse",
            "client_discard", "cardinality_limited");
    private static final List<String> CATEGORIES = List.of("error", "transaction", "attachment", "replay", "profile",
            "profile_duration", "profile_duration_ui", "profile_chunk", "profile_chunk_ui", "monitor");

    private final SentryApi http;
    private final Clock clock;
    private final Progress progress;
    private final Map<String, ReportSpec> specs = new LinkedHashMap<>();
    private final List<ReportDefinition> definitions;
    private final Map<Endpoint, SerialGate> gates = new EnumMap<>(Endpoint.class);

    /**
     * @param http  the connector's HTTP layer
     * @param clock the host's clock (date windows are relative to its now)
     */
    public SentryReports(SentryApi http, Clock clock) {
        this(http, clock, Progress.none());
    }

    /**
     * @param http     the connector's HTTP layer
     * @param clock    the host's clock (date windows are relative to its now)
     * @param progress where to say which project, team or issue a long report is reading (the host's status line;
     *                 the HTTP layer says there when it waits on Sentry's rate limit, and for how long)
     */
    public SentryReports(SentryApi http, Clock clock, Progress progress) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
        List<ReportDefinition> defs = new ArrayList<>();
        for (ReportSpec s : Catalog.reports()) {
            specs.put(s.id(), s);
            defs.add(s.definition());
        }
        this.definitions = List.copyOf(defs);
        for (Endpoint e : Endpoint.values()) {
            if (e.serial()) {
                gates.put(e, new SerialGate());
            }
        }
    }

    @Override
    public List<ReportDefinition> definitions() {
        return definitions;
    }

    /**
     * @return the definitions of every report, as {@link #definitions()} gives them, without a connection (for
     *         {@code ConnectorProvider#reportDefinitions()})
     */
    public static List<ReportDefinition> catalog() {
        return Catalog.reports().stream().map(ReportSpec::definition).toList();
    }

    @Override
    public CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters,
                                          Optional<String> pageToken) {
        return start(reportId, parameters, Optional.empty(), pageToken);
    }

    /**
     * Runs an incremental report from the host's lower bound: the date window starts at {@code from} when that is
     * later than the window's own start, so Sentry is asked only for what is newer (stats_v2 widens the start to
     * its interval, so event counts recompute the last, still open, bucket). The window is fixed on the first page
     * and carried by the page token, like any run's.
     */
    @Override
    public CompletionStage<Page<Row>> runIncremental(String reportId, Map<String, Object> parameters, Instant from,
                                                     Optional<String> pageToken) {
        return start(reportId, parameters, Optional.of(from), pageToken);
    }

    private CompletionStage<Page<Row>> start(String reportId, Map<String, Object> parameters, Optional<Instant> from,
                                             Optional<String> pageToken) {
        CompletionStage<Page<Row>> stage;
        try {
            ReportSpec spec = specs.get(reportId);
            if (spec == null) {
                throw Problems.notFound("the Sentry connector has no report '" + reportId + "'; its reports are "
                        + String.join(", ", specs.keySet()));
            }
            ReportParams params = new ReportParams(parameters);
            params.onlyThese(spec.id(), spec.parameterNames());
            String org = check(spec, params);
            if (pageToken.isPresent()) {
                PageToken position = PageToken.decode(spec.id(), pageToken.get());
                Inputs in = new Inputs(org, params, spec.windowed()
                        ? Optional.of(position.window().orElseGet(() -> DateWindow.from(params, now())))
                        : Optional.empty());
                stage = page(spec, in, position);
            } else {
                Instant now = now();
                Optional<DateWindow> window = spec.windowed() ? Optional.of(DateWindow.from(params, now))
                        : Optional.empty();
                if (from.isPresent() && spec.incremental().isPresent() && window.isPresent()) {
                    Optional<DateWindow> narrowed = window.get().from(from.get());
                    if (narrowed.isEmpty()) {
                        return CompletableFuture.completedFuture(Page.empty());
                    }
                    window = narrowed;
                }
                Inputs in = new Inputs(org, params, window);
                stage = resolve(spec, in).thenCompose(targets -> page(spec, in,
                        new PageToken(spec.id(), targets, 0, Optional.empty(), in.window())));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(asConnectorException(e));
        }
        CompletableFuture<Page<Row>> out = new CompletableFuture<>();
        stage.whenComplete((page, error) -> {
            if (error != null) {
                out.completeExceptionally(asConnectorException(error));
            } else {
                out.complete(page);
            }
        });
        return out;
    }

    /** @return the host clock's now, to the second (windows and messages read better without nanoseconds) */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** Checks what a schema cannot (or what a host that skipped it let through); returns the organization. */
    private String check(ReportSpec spec, ReportParams p) {
        String org = p.string("organization").orElse(http.organization());
        if (!ORG_SLUG.matcher(org).matches()) {
            throw Problems.parameter("organization", "'" + org + "' is not an organization slug (lower case letters,"
                    + " digits, '-' and '_')");
        }
        for (Param param : spec.params()) {
            switch (param) {
                case PROJECTS, TEAMS -> {
                    if (p.list(param.paramName()).isEmpty()) {
                        throw Problems.parameter(param.paramName(), "is required: name one or more "
                                + param.paramName() + " by slug or id, or \"all\"");
                    }
                }
                case ISSUE -> {
                    List<String> ids = p.list("issue");
                    if (ids.isEmpty()) {
                        throw Problems.parameter("issue", "is required: give one or more numeric issue ids");
                    }
                    ids.stream().filter(i -> !ISSUE_ID.matcher(i).matches()).findFirst().ifPresent(i -> {
                        throw Problems.parameter("issue", "'" + i + "' is not an issue id: use the numeric id from"
                                + " the issue's URL (…/issues/<id>/), not its short id");
                    });
                }
                case STATUS -> p.choice("status", List.of("active", "deleted"));
                case STAT -> {
                    p.choice("stat", List.copyOf(Catalog.STAT_OUTCOMES.keySet().stream().sorted().toList()));
                    if (p.has("stat") && p.has("outcome")) {
                        throw Problems.parameter("stat", "give either stat or outcome, not both");
                    }
                }
                case OUTCOME -> p.choice("outcome", OUTCOMES);
                case CATEGORY -> p.choice("category", CATEGORIES);
                case INTERVAL -> p.string("interval").filter(i -> !INTERVAL.matcher(i).matches()).ifPresent(i -> {
                    throw Problems.parameter("interval", "'" + i + "' is not an interval Sentry accepts: use 1h, 2h,"
                            + " 3h, 4h, 6h, 8h, 12h or 1d (stats_v2 needs an interval that divides a day)");
                });
                case FULL -> p.bool("full");
                case QUERY -> p.string("query");
                case ORGANIZATION, WINDOW -> {
                    // checked above / by DateWindow
                }
            }
        }
        return org;
    }

    // ---- targets -------------------------------------------------------------------------------------------

    private CompletionStage<List<Target>> resolve(ReportSpec spec, Inputs in) {
        return switch (spec.targets()) {
            case NONE -> CompletableFuture.completedFuture(List.of(Target.ORGANIZATION));
            case ISSUES -> CompletableFuture.completedFuture(in.params().list("issue").stream()
                    .map(id -> Target.of(id, id)).toList());
            case PROJECTS -> listAll(listCall(Endpoint.PROJECTS, in, "projects"))
                    .thenApply(all -> pick("projects", "project", in, all));
            case TEAMS -> listAll(listCall(Endpoint.TEAMS, in, "teams"))
                    .thenApply(all -> pick("teams", "team", in, all));
            case TEAMS_WITH_PROJECTS -> listAll(listCall(Endpoint.TEAMS, in, "teams"))
                    .thenApply(all -> pick("teams", "team", in, all))
                    .thenCompose(teams -> listAll(listCall(Endpoint.PROJECTS, in, "projects"))
                            .thenApply(projects -> withProjects(teams, projects)));
        };
    }

    private static SentryRequest listCall(Endpoint ep, Inputs in, String what) {
        SentryRequest r = SentryRequest.of(ep, in.organization()).pageSize()
                .about(what + " of organization '" + in.organization() + "'");
        return ep == Endpoint.TEAMS ? r.with("detailed", "0") : r;
    }

    private CompletionStage<List<JsonNode>> listAll(SentryRequest call) {
        List<JsonNode> acc = new ArrayList<>();
        return listFrom(call, Optional.empty(), acc);
    }

    private CompletionStage<List<JsonNode>> listFrom(SentryRequest call, Optional<String> cursor, List<JsonNode> acc) {
        return send(call, cursor).thenCompose(page -> {
            acc.addAll(Shape.LIST.rows(page.json(), "", call.subject()));
            if (page.nextCursor().isPresent() && !page.nextCursor().equals(cursor)) {
                return listFrom(call, page.nextCursor(), acc);
            }
            return CompletableFuture.completedFuture(List.copyOf(acc));
        });
    }

    private static List<Target> pick(String param, String noun, Inputs in, List<JsonNode> all) {
        List<Target> known = all.stream().map(n -> Target.of(n.path("id").asText(""), n.path("slug").asText("")))
                .toList();
        List<String> wanted = in.params().list(param);
        if (wanted.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).equals("all"))) {
            return known;
        }
        List<Target> out = new ArrayList<>();
        for (String w : wanted) {
            Target t = known.stream().filter(k -> k.slug().equals(w) || k.id().equals(w)).findFirst()
                    .orElseThrow(() -> new ConnectorException(ErrorKind.NOT_FOUND, "parameter '" + param
                            + "': organization '" + in.organization() + "' has no " + noun + " '" + w
                            + "' that this token can see" + (known.isEmpty() ? " (it has none)" : "; its " + param
                            + " include " + String.join(", ", known.stream().limit(10).map(Target::slug).toList())
                            + (known.size() > 10 ? ", …" : "")) + ". Use a slug, an id or \"all\"."));
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Target> withProjects(List<Target> teams, List<JsonNode> projects) {
        List<Target> out = new ArrayList<>();
        for (Target team : teams) {
            List<String> ids = new ArrayList<>();
            for (JsonNode p : projects) {
                for (JsonNode t : p.path("teams")) {
                    if (t.path("id").asText("").equals(team.id())) {
                        ids.add(p.path("id").asText());
                        break;
                    }
                }
            }
            out.add(new Target(team.id(), team.slug(), ids));
        }
        return out;
    }

    // ---- pages ---------------------------------------------------------------------------------------------

    private CompletionStage<Page<Row>> page(ReportSpec spec, Inputs in, PageToken pos) {
        if (pos.targets().isEmpty()) {
            return CompletableFuture.completedFuture(Page.empty());
        }
        Target target = pos.targets().get(pos.index());
        if (spec.targets() == ReportSpec.TargetKind.TEAMS_WITH_PROJECTS && target.projectIds().isEmpty()) {
            // stats_v2 without a project means the whole organization: a team without projects has no counts
            return CompletableFuture.completedFuture(new Page<>(List.of(), next(pos, Optional.empty())));
        }
        if (spec.shape() == Shape.SERIES) {
            return seriesPage(spec, in, pos, target);
        }
        SentryRequest call = spec.request().apply(in, target);
        progress.status(reading(spec, in, pos, target));
        return send(call, pos.cursor()).thenApply(answer -> {
            List<Row> rows = new ArrayList<>();
            boolean pastStart = false;
            for (JsonNode o : spec.shape().rows(answer.json(), spec.label().apply(in), call.subject())) {
                if (spec.windowFilter().isPresent()) {
                    // also on the client: servers before mid-2025 ignore start and end
                    Object t = Col.convert(o.at(spec.windowFilter().get()), dev.plugboard.spi.ColumnType.TIMESTAMP);
                    if (t instanceof Instant i && i.isBefore(in.requireWindow().start()) && newestFirst(call)) {
                        pastStart = true;
                    }
                    if (!(t instanceof Instant i) || !in.requireWindow().contains(i)) {
                        continue;
                    }
                }
                rows.add(row(spec, o, target));
            }
            // these listings come newest first: once a page reaches before the window, later pages are older still
            Optional<String> cursor = pastStart ? Optional.empty()
                    : answer.nextCursor().filter(c -> !Optional.of(c).equals(pos.cursor()));
            return new Page<>(rows, next(pos, cursor));
        });
    }

    /** @return the status line of a page: {@code reading project web-7 (3 of 20)} */
    private static String reading(ReportSpec spec, Inputs in, PageToken pos, Target target) {
        String noun = switch (spec.targets()) {
            case NONE -> "organization";
            case PROJECTS -> "project";
            case TEAMS, TEAMS_WITH_PROJECTS -> "team";
            case ISSUES -> "issue";
        };
        String name = spec.targets() == ReportSpec.TargetKind.NONE ? in.organization()
                : target.slug().isEmpty() ? target.id() : target.slug();
        int of = pos.targets().size();
        return "reading " + noun + " " + name + (of > 1 ? " (" + (pos.index() + 1) + " of " + of + ")" : "");
    }

    private static Row row(ReportSpec spec, JsonNode o, Target target) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Col c : spec.columns()) {
            values.put(c.column().name(), c.value().apply(o, target));
        }
        return new Row(values);
    }

    /**
     * One stats_v2 call per page: the window's piece the page token's cursor names ({@link StatsPieces}: a window
     * longer than Sentry's 1,000 intervals is read in several calls), with the buckets that belong to that piece.
     */
    private CompletionStage<Page<Row>> seriesPage(ReportSpec spec, Inputs in, PageToken pos, Target target) {
        long step = StatsPieces.seconds(in.params().string("interval").orElse("1d"));
        List<DateWindow> pieces = StatsPieces.split(in.requireWindow(), step);
        int piece = pos.cursor().map(c -> c.matches("[0-9]{1,4}") ? Integer.parseInt(c) : -1).orElse(0);
        if (piece < 0 || piece >= pieces.size()) {
            throw Problems.invalid("the page token is not one this connector made for report '" + spec.id()
                    + "' (it names part " + pos.cursor().orElse("") + " of a window in " + pieces.size() + "): start"
                    + " the report again without a page token");
        }
        DateWindow part = pieces.get(piece);
        SentryRequest call = spec.request().apply(new Inputs(in.organization(), in.params(), Optional.of(part)),
                target);
        progress.status(reading(spec, in, pos, target));
        return send(call, Optional.empty()).thenApply(answer -> {
            List<Row> rows = new ArrayList<>();
            for (JsonNode o : spec.shape().rows(answer.json(), spec.label().apply(in), call.subject())) {
                Object t = Col.convert(o.path("timestamp"), dev.plugboard.spi.ColumnType.TIMESTAMP);
                if (t instanceof Instant bucket && !StatsPieces.keeps(bucket, part, step)) {
                    continue;
                }
                rows.add(row(spec, o, target));
            }
            Optional<String> cursor = piece + 1 < pieces.size() ? Optional.of(String.valueOf(piece + 1))
                    : Optional.empty();
            return new Page<>(rows, next(pos, cursor));
        });
    }

    /** @return whether the listing comes newest first (events), so a page past the window's start is the last */
    private static boolean newestFirst(SentryRequest call) {
        return call.endpoint() == dev.plugboard.sentry.http.Endpoint.PROJECT_EVENTS
                || call.endpoint() == dev.plugboard.sentry.http.Endpoint.ISSUE_EVENTS;
    }

    private static Optional<String> next(PageToken pos, Optional<String> cursor) {
        if (cursor.isPresent()) {
            return Optional.of(new PageToken(pos.report(), pos.targets(), pos.index(), cursor, pos.window()).encode());
        }
        if (pos.index() + 1 < pos.targets().size()) {
            return Optional.of(new PageToken(pos.report(), pos.targets(), pos.index() + 1, Optional.empty(),
                    pos.window()).encode());
        }
        return Optional.empty();
    }

    private CompletionStage<SentryResponse> send(SentryRequest call, Optional<String> cursor) {
        SerialGate gate = gates.get(call.endpoint());
        return gate == null ? http.get(call, cursor) : gate.submit(() -> http.get(call, cursor));
    }

    private static ConnectorException asConnectorException(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof ConnectorException ce) {
            return ce;
        }
        return new ConnectorException(ErrorKind.INTERNAL, "bug in the Sentry reports: " + c, c);
    }
}
