package dev.plugboard.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.UsageSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Event counts: {@code stats_v2} (outcomes) and the legacy project {@code stats}. */
public final class UsageEndpoints {
    private static final List<String> GROUP_BYS = List.of("outcome", "category", "reason", "project");
    private static final List<String> FIELDS = List.of("sum(quantity)", "sum(times_seen)");
    /** sessions_v2.MAX_POINTS. */
    static final int MAX_POINTS = 1_000;

    private final ApiContext ctx;
    private final ReportEndpoints reports;

    /** Endpoints over a context. */
    public UsageEndpoints(ApiContext ctx, ReportEndpoints reports) {
        this.ctx = ctx;
        this.reports = reports;
    }

    /**
     * {@code GET /api/0/organizations/{org}/stats_v2/}: field, groupBy (repeated), category, outcome, reason,
     * interval (1h..1d), statsPeriod or start+end, project (repeated). Answers {start, end, intervals, groups}.
     */
    public ApiResponse statsV2(ApiCall call) {
        ctx.org(call);
        List<String> fields = call.request().params("field");
        if (fields.isEmpty()) {
            throw ApiError.badRequest("At least one \"field\" is required.");
        }
        for (String f : fields) {
            if (!FIELDS.contains(f)) {
                throw ApiError.badRequest("Invalid field: \"" + f + "\"");
            }
        }
        List<String> groupBy = call.request().params("groupBy");
        for (String g : groupBy) {
            if (!GROUP_BYS.contains(g)) {
                throw ApiError.badRequest("Invalid groupBy: \"" + g + "\"");
            }
        }
        List<Integer> categories = filter(call.request().params("category"), UsageSeries.CATEGORIES, "category");
        List<Integer> outcomes = filter(call.request().params("outcome"), UsageSeries.OUTCOMES, "outcome");
        List<String> reasons = call.request().params("reason");
        Duration interval = DateWindow.period(call.request().param("interval").orElse("1d"));
        if (interval.compareTo(Duration.ofHours(1)) < 0 || interval.toSeconds() % 3_600 != 0) {
            throw ApiError.badRequest("The interval has to be a multiple of the minimum interval of one hour.");
        }
        if (interval.compareTo(Duration.ofDays(1)) > 0) {
            throw ApiError.badRequest("The interval has to be less than one day.");
        }
        // getsentry/sentry src/sentry/snuba/sessions_v2.py, get_constrained_date_range: the interval divides a day,
        // and the window (an explicit end counts inclusive: one second more; rounded up to whole hours) holds at
        // most MAX_POINTS = 1000 intervals
        if (Duration.ofDays(1).toSeconds() % interval.toSeconds() != 0) {
            throw ApiError.badRequest("The interval should divide one day without a remainder.");
        }
        DateWindow window = DateWindow.of(call.request(), call.now(), Duration.ofDays(14));
        long range = window.end().getEpochSecond() - window.start().getEpochSecond()
                + (call.request().param("end").filter(e -> !e.isBlank()).isPresent() ? 1 : 0);
        long rounding = (interval.toSeconds() + 3_599) / 3_600 * 3_600;
        long rounded = (range + rounding - 1) / rounding * rounding;
        if (rounded / interval.toSeconds() > MAX_POINTS) {
            throw ApiError.badRequest("Your interval and date range would create too many results. Use a larger "
                    + "interval, or a smaller date range.");
        }
        long step = interval.toSeconds();
        long start = Math.floorDiv(window.start().getEpochSecond(), step) * step;
        long end = Math.floorDiv(window.end().getEpochSecond() + step - 1, step) * step;
        int buckets = (int) ((end - start) / step);
        List<Project> projects = reports.selectedProjects(call);
        Map<String, long[]> series = new TreeMap<>();
        Map<String, Map<String, String>> bys = new TreeMap<>();
        int hoursPerBucket = (int) (step / 3_600);
        for (Project p : projects) {
            int index = ctx.state().indexOf(p);
            for (int c : categories) {
                for (int o : outcomes) {
                    String outcome = UsageSeries.OUTCOMES.get(o);
                    String reason = UsageSeries.reason(outcome);
                    if (!reasons.isEmpty() && !reasons.contains(reason)) {
                        continue;
                    }
                    Map<String, String> by = new TreeMap<>();
                    for (String g : groupBy) {
                        by.put(g, switch (g) {
                            case "outcome" -> outcome;
                            case "category" -> UsageSeries.CATEGORIES.get(c);
                            case "reason" -> reason;
                            default -> p.id();
                        });
                    }
                    String key = by.toString();
                    long[] values = series.computeIfAbsent(key, k -> new long[buckets]);
                    bys.putIfAbsent(key, by);
                    for (int b = 0; b < buckets; b++) {
                        long firstHour = (start + b * step) / 3_600;
                        long sum = 0;
                        for (int h = 0; h < hoursPerBucket; h++) {
                            sum += ctx.usage().quantity(index, c, o, firstHour + h);
                        }
                        values[b] += sum;
                    }
                }
            }
        }
        ObjectNode out = ctx.views().object();
        out.put("start", Instant.ofEpochSecond(start).toString());
        out.put("end", Instant.ofEpochSecond(end).toString());
        ArrayNode intervals = out.putArray("intervals");
        for (int b = 0; b < buckets; b++) {
            intervals.add(Instant.ofEpochSecond(start + b * step).toString());
        }
        ArrayNode groups = out.putArray("groups");
        for (Map.Entry<String, long[]> e : series.entrySet()) {
            ObjectNode g = groups.addObject();
            ObjectNode by = g.putObject("by");
            bys.get(e.getKey()).forEach((k, v) -> {
                if (k.equals("project")) {
                    by.put(k, Long.parseLong(v));
                } else {
                    by.put(k, v);
                }
            });
            ObjectNode totals = g.putObject("totals");
            ObjectNode s = g.putObject("series");
            long total = 0;
            for (long v : e.getValue()) {
                total += v;
            }
            for (String f : fields) {
                totals.put(f, total);
                ArrayNode arr = s.putArray(f);
                for (long v : e.getValue()) {
                    arr.add(v);
                }
            }
        }
        return ctx.ok(out);
    }

    private static List<Integer> filter(List<String> values, List<String> known, String name) {
        if (values.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < known.size(); i++) {
                all.add(i);
            }
            return all;
        }
        List<Integer> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                int i = known.indexOf(part.trim());
                if (i < 0) {
                    throw ApiError.badRequest("Invalid " + name + ": \"" + part + "\"");
                }
                out.add(i);
            }
        }
        return out;
    }

    /**
     * {@code GET /api/0/projects/{org}/{project}/stats/}: {@code stat} received|rejected|blacklisted|generated,
     * {@code since}, {@code until} (epoch seconds; default the last 24 h), {@code resolution} 1h|1d.
     * Answers {@code [[ts, n], ...]} of error events.
     */
    public ApiResponse projectStats(ApiCall call) {
        var p = ctx.project(call);
        String stat = call.request().param("stat").orElse("received");
        List<Integer> outcomes = switch (stat) {
            case "received", "generated" -> List.of(0);
            case "rejected" -> List.of(1, 2, 3);
            case "blacklisted" -> List.of(1);
            default -> throw ApiError.badRequest("Invalid stat: " + stat);
        };
        String resolution = call.request().param("resolution").orElse("1h");
        long step = switch (resolution) {
            case "1h" -> 3_600;
            case "1d" -> 86_400;
            default -> throw ApiError.badRequest("Invalid resolution: " + resolution);
        };
        long until = parseEpoch(call.request().param("until"), call.now().getEpochSecond());
        long since = parseEpoch(call.request().param("since"), until - 86_400);
        long first = Math.floorDiv(since, step) * step;
        int index = ctx.state().indexOf(p);
        ArrayNode out = ctx.views().array();
        for (long t = first; t < until; t += step) {
            long sum = 0;
            for (long h = t / 3_600; h < (t + step) / 3_600; h++) {
                for (int o : outcomes) {
                    sum += ctx.usage().quantity(index, 0, o, h);
                }
            }
            ArrayNode point = out.addArray();
            point.add(t);
            point.add(sum);
        }
        return ctx.ok(out);
    }

    private static long parseEpoch(java.util.Optional<String> value, long fallback) {
        if (value.isEmpty() || value.get().isBlank()) {
            return fallback;
        }
        try {
            return (long) Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid since/until: " + value.get());
        }
    }
}
