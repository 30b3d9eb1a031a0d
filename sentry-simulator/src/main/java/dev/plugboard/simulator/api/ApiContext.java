package dev.plugboard.simulator.api;

import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.http.Paginator;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgState;
import dev.plugboard.simulator.model.Organization;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.UsageSeries;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the endpoints share: the state, the JSON views, the paginator, the usage series and whether project events
 * ignore their date parameters (older self-hosted servers).
 */
public record ApiContext(OrgState state, Views views, Paginator paginator, UsageSeries usage,
                         boolean projectEventsIgnoreDates) {

    /** The organization named by {@code {org}} (id or slug), or 404. */
    public Organization org(ApiCall call) {
        String ref = call.param("org");
        Organization org = state.organization();
        if (!ref.equals(org.slug()) && !ref.equals(org.id())) {
            throw ApiError.notFound();
        }
        return org;
    }

    /** The team named by {@code {team}} (id or slug) in the org, or 404. */
    public Team team(ApiCall call) {
        org(call);
        return state.team(call.param("team")).orElseThrow(ApiError::notFound);
    }

    /** The project named by {@code {project}} (id or slug) in the org, or 404. */
    public Project project(ApiCall call) {
        org(call);
        return state.project(call.param("project")).orElseThrow(ApiError::notFound);
    }

    /** The member named by {@code {member}} (id) in the org, or 404. */
    public Member member(ApiCall call) {
        org(call);
        return state.member(call.param("member")).orElseThrow(ApiError::notFound);
    }

    /** The teams of a project, in grant order. */
    public List<Team> teamsOf(Project p) {
        return p.teamIds().stream().map(state::team).flatMap(java.util.Optional::stream).toList();
    }

    /** A 200 JSON response. */
    public ApiResponse ok(JsonNode body) {
        return ApiResponse.json(200, views.write(body));
    }

    /** A JSON response with a status. */
    public ApiResponse json(int status, JsonNode body) {
        return ApiResponse.json(status, views.write(body));
    }

    /** A 200 JSON response with extra headers (e.g. Link). */
    public ApiResponse ok(JsonNode body, Map<String, String> headers) {
        return ApiResponse.json(200, views.write(body)).withHeaders(headers);
    }
}
