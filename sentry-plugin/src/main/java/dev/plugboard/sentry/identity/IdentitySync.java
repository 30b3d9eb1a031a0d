package dev.plugboard.sentry.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.Async;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.Trait;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Sentry's identity model as resources, entitlements and grants, read with the fewest requests:
 * the organization detail once (organization, roles, region), the members, teams and projects listings, and one
 * listing per team of its members. Everything else is derived from what those gave: a user's role grant from
 * the member's {@code orgRole}, a project's team grants from the project's {@code teams[]} (kept in its profile).
 * Page tokens are Sentry cursors.
 */
public final class IdentitySync implements ResourceSync {
    static final String ORGANIZATION = "organization";
    static final String USER = "user";
    static final String ROLE = "role";
    static final String TEAM = "team";
    static final String PROJECT = "project";

    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final List<ResourceType> TYPES = List.of(
            new ResourceType(ORGANIZATION, "Organization", Set.of(Trait.ORGANIZATION),
                    "The Sentry organization the connector is configured for."),
            new ResourceType(USER, "User", Set.of(Trait.USER),
                    "A member of the organization: an active user, or an invitation not yet accepted."),
            new ResourceType(ROLE, "Organization role", Set.of(Trait.ROLE),
                    "An organization role (member, admin, manager, owner, billing) from the organization's role list."),
            new ResourceType(TEAM, "Team", Set.of(Trait.GROUP),
                    "A team; its members are contributors or team admins."),
            new ResourceType(PROJECT, "Project", Set.of(Trait.APP),
                    "A project; teams with access to it give their members access."));

    private final SentryOrganization org;
    private final Async async;
    private final ListingGuard guard;

    /**
     * @param org    the organization's endpoints
     * @param async  hands answers over off the event loop
     * @param logger for records a listing returned twice
     */
    public IdentitySync(SentryOrganization org, Async async, ConnectorLogger logger) {
        this(org, async, new ListingGuard(logger));
    }

    IdentitySync(SentryOrganization org, Async async, ListingGuard guard) {
        this.org = org;
        this.async = async;
        this.guard = guard;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return TYPES;
    }

    @Override
    public CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                     Optional<String> pageToken) {
        return async.run(() -> {
            if (parent.isPresent()) {
                knownType(type);
                return CompletableFuture.completedFuture(Page.empty());
            }
            return switch (type) {
                case ORGANIZATION -> {
                    noToken(type, pageToken);
                    yield org.detail().thenApply(d -> Page.last(List.of(organization(d))));
                }
                case ROLE -> {
                    noToken(type, pageToken);
                    yield org.detail().thenApply(d -> Page.last(d.roles().stream().map(IdentitySync::role).toList()));
                }
                case USER -> org.members(cursor(pageToken), Endpoint.PAGE_SIZE)
                        .thenApply(r -> guarded("members", pageToken, page(r, Json.array(r.json(),
                                "the members listing"), IdentitySync::user)));
                case TEAM -> org.teams(cursor(pageToken), Endpoint.PAGE_SIZE)
                        .thenApply(r -> guarded("teams", pageToken, page(r, Json.array(r.json(),
                                "the teams listing"), IdentitySync::team)));
                case PROJECT -> org.projects(cursor(pageToken), Endpoint.PAGE_SIZE)
                        .thenApply(r -> guarded("projects", pageToken, page(r, Json.array(r.json(),
                                "the projects listing"), IdentitySync::project)));
                default -> throw unknownType(type);
            };
        });
    }

    @Override
    public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> pageToken) {
        return async.run(() -> {
            noToken(resource.type(), pageToken);
            ResourceRef ref = resource.ref();
            List<Entitlement> list = switch (resource.type()) {
                // a team may carry an org role: its grant to the team expands to the team's members
                case ROLE -> List.of(new Entitlement(Entitlement.idOf(ref, "assigned"), ref, "assigned",
                        resource.displayName() + " role", Entitlement.Purpose.ASSIGNMENT, Set.of(USER, TEAM)));
                case TEAM -> List.of(
                        new Entitlement(Entitlement.idOf(ref, "member"), ref, "member",
                                resource.displayName() + " team member", Entitlement.Purpose.ASSIGNMENT, Set.of(USER)),
                        new Entitlement(Entitlement.idOf(ref, "admin"), ref, "admin",
                                resource.displayName() + " team admin", Entitlement.Purpose.ASSIGNMENT, Set.of(USER)));
                case PROJECT -> List.of(new Entitlement(Entitlement.idOf(ref, "access"), ref, "access",
                        resource.displayName() + " project access", Entitlement.Purpose.PERMISSION, Set.of(TEAM)));
                case ORGANIZATION, USER -> List.of();
                default -> throw unknownType(resource.type());
            };
            return CompletableFuture.completedFuture(Page.last(list));
        });
    }

    @Override
    public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> pageToken) {
        return async.run(() -> switch (resource.type()) {
            case USER -> {
                noToken(USER, pageToken);
                Object role = resource.profile().get("orgRole");
                yield CompletableFuture.completedFuture(role instanceof String r && !r.isEmpty()
                        ? Page.last(List.of(Grant.of(Entitlement.idOf(new ResourceRef(ROLE, r), "assigned"),
                        resource.ref())))
                        : Page.<Grant>empty());
            }
            case TEAM -> {
                String team = resource.profile().get("slug") instanceof String s && !s.isEmpty() ? s : resource.id();
                Optional<String> teamOrgRole = resource.profile().get("orgRole") instanceof String r && !r.isEmpty()
                        ? Optional.of(r) : Optional.empty();
                boolean first = pageToken.isEmpty();
                // keyed by grant id: one member may hold team admin on several paths (stored role, org role)
                yield org.detail().thenCompose(d -> org.teamMembers(team, cursor(pageToken), Endpoint.PAGE_SIZE)
                        .thenApply(r -> guard.admit("members of " + resource.ref(), first,
                                teamGrants(resource.ref(), first ? teamOrgRole : Optional.empty(), d, r), Grant::id)));
            }
            case PROJECT -> {
                noToken(PROJECT, pageToken);
                List<Grant> grants = new ArrayList<>();
                String access = Entitlement.idOf(resource.ref(), "access");
                if (resource.profile().get("teamIds") instanceof List<?> ids) {
                    for (Object id : ids) {
                        ResourceRef team = new ResourceRef(TEAM, String.valueOf(id));
                        grants.add(Grant.expandable(access, team, List.of(Entitlement.idOf(team, "member"))));
                    }
                }
                yield CompletableFuture.completedFuture(Page.last(grants));
            }
            case ORGANIZATION, ROLE -> {
                noToken(resource.type(), pageToken);
                yield CompletableFuture.completedFuture(Page.<Grant>empty());
            }
            default -> throw unknownType(resource.type());
        });
    }

    // ---- mapping Sentry JSON to resources and grants ----

    static Resource organization(OrgDetail d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("slug", d.slug());
        p.put("name", d.name());
        d.dateCreated().ifPresent(t -> p.put("dateCreated", t));
        p.put("require2fa", d.require2fa());
        p.put("apiHost", d.apiHost().toString());
        return Resource.of(new ResourceRef(ORGANIZATION, d.id()), d.name(), p);
    }

    static Resource role(OrgDetail.OrgRole r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", r.name());
        p.put("description", r.description());
        p.put("retired", r.retired());
        p.put("scopes", r.scopes());
        return Resource.of(new ResourceRef(ROLE, r.id()), r.name(), p);
    }

    static Resource user(JsonNode m) {
        String id = Json.required(m, "id", "a member");
        JsonNode user = m.path("user");
        boolean hasUser = user.isObject();
        Map<String, Object> p = new LinkedHashMap<>();
        Optional<String> email = Json.text(m, "email").filter(s -> !s.isEmpty())
                .or(() -> hasUser ? Json.text(user, "email") : Optional.empty());
        Optional<String> name = Json.text(m, "name").filter(s -> !s.isEmpty())
                .or(() -> hasUser ? Json.text(user, "name") : Optional.empty());
        email.ifPresent(e -> p.put("email", e));
        name.ifPresent(n -> p.put("name", n));
        p.put("status", Json.flag(m, "pending") ? (Json.flag(m, "expired") ? "expired" : "invited") : "active");
        if (hasUser) {
            Json.text(user, "id").ifPresent(u -> p.put("userId", u));
        }
        p.put("has2fa", hasUser && Json.flag(user, "has2fa"));
        JsonNode flags = m.path("flags");
        p.put("ssoLinked", Json.flag(flags, "sso:linked"));
        p.put("idpProvisioned", Json.flag(flags, "idp:provisioned"));
        Json.text(m, "orgRole").or(() -> Json.text(m, "role")).ifPresent(r -> p.put("orgRole", r));
        List<String> groupOrgRoles = new ArrayList<>();
        for (JsonNode g : m.path("groupOrgRoles")) {
            Json.text(g.path("role"), "id").ifPresent(r -> groupOrgRoles.add(r + " (team "
                    + Json.text(g, "teamSlug").orElse("?") + ")"));
        }
        if (!groupOrgRoles.isEmpty()) {
            p.put("groupOrgRoles", groupOrgRoles);
        }
        Json.instant(m, "dateCreated").ifPresent(t -> p.put("dateCreated", t));
        // last activity, to find dormant access: absent when Sentry says null (never)
        if (hasUser) {
            Json.instant(user, "lastLogin").ifPresent(t -> p.put("lastLogin", t));
            Json.instant(user, "lastActive").ifPresent(t -> p.put("lastActive", t));
        }
        String display = name.or(() -> email).orElse("member " + id);
        return Resource.of(new ResourceRef(USER, id), display, p);
    }

    static Resource team(JsonNode t) {
        String id = Json.required(t, "id", "a team");
        Map<String, Object> p = new LinkedHashMap<>();
        Json.text(t, "slug").ifPresent(s -> p.put("slug", s));
        Json.text(t, "name").ifPresent(s -> p.put("name", s));
        if (t.path("memberCount").isNumber()) {
            p.put("memberCount", t.path("memberCount").asLong());
        }
        p.put("idpProvisioned", Json.flag(t.path("flags"), "idp:provisioned"));
        Json.text(t, "orgRole").filter(r -> !r.isEmpty()).ifPresent(r -> p.put("orgRole", r));
        Json.instant(t, "dateCreated").ifPresent(d -> p.put("dateCreated", d));
        String display = Json.text(t, "name").or(() -> Json.text(t, "slug")).orElse("team " + id);
        return Resource.of(new ResourceRef(TEAM, id), display, p);
    }

    static Resource project(JsonNode pr) {
        String id = Json.required(pr, "id", "a project");
        Map<String, Object> p = new LinkedHashMap<>();
        Json.text(pr, "slug").ifPresent(s -> p.put("slug", s));
        Json.text(pr, "name").ifPresent(s -> p.put("name", s));
        Json.text(pr, "platform").ifPresent(s -> p.put("platform", s));
        Json.instant(pr, "dateCreated").ifPresent(d -> p.put("dateCreated", d));
        List<String> teamIds = new ArrayList<>();
        List<String> teamSlugs = new ArrayList<>();
        for (JsonNode t : pr.path("teams")) {
            teamIds.add(Json.required(t, "id", "a team of project " + id));
            Json.text(t, "slug").ifPresent(teamSlugs::add);
        }
        p.put("teamIds", teamIds);
        p.put("teamSlugs", teamSlugs);
        String display = Json.text(pr, "name").or(() -> Json.text(pr, "slug")).orElse("project " + id);
        return Resource.of(new ResourceRef(PROJECT, id), display, p);
    }

    /**
     * A team's grants. Sentry stores team roles raw ({@code teamRole: null} means the org role's minimum), so the
     * admin entitlement is granted on each path that gives it: the stored {@code admin} role (the conventional
     * grant), and each org role the member holds, own or through a team ({@code groupOrgRoles}), whose
     * {@code minimumTeamRole} is {@code admin}: a grant whose id ends {@code :org-role:<role>}, held {@code via}
     * {@code role:<role>:assigned} and the team's {@code member} entitlement, so an access review shows it as that
     * path and not as a direct grant (and the member's rows for the role show whether it is their own or a team's).
     * A team that carries an org role grants it to its members: an expandable grant of {@code role:<r>:assigned} to
     * the team, from {@code team:<id>:member}.
     */
    static Page<Grant> teamGrants(ResourceRef team, Optional<String> teamOrgRole, OrgDetail detail,
                                  SentryResponse r) {
        List<Grant> grants = new ArrayList<>();
        String member = Entitlement.idOf(team, "member");
        String admin = Entitlement.idOf(team, "admin");
        teamOrgRole.ifPresent(role -> grants.add(Grant.expandable(roleAssigned(role), team, List.of(member))));
        for (JsonNode m : Json.array(r.json(), "the members listing of team " + team.id())) {
            ResourceRef principal = new ResourceRef(USER, Json.required(m, "id", "a team member"));
            grants.add(Grant.of(member, principal));
            if ("admin".equals(m.path("teamRole").asText(""))) {
                grants.add(Grant.of(admin, principal));
            }
            // each org role the member holds, own or through teams, whose minimum team role is admin; how the member
            // holds the role (directly, or through which team) is the role's own grant, so one grant per role
            java.util.Set<String> adminRoles = new java.util.LinkedHashSet<>();
            Json.text(m, "orgRole").or(() -> Json.text(m, "role")).ifPresent(adminRoles::add);
            for (JsonNode g : m.path("groupOrgRoles")) {
                Json.text(g.path("role"), "id").ifPresent(adminRoles::add);
            }
            for (String role : adminRoles) {
                if (detail.role(role).filter(OrgDetail.OrgRole::teamAdmin).isPresent()) {
                    grants.add(new Grant(Grant.idOf(admin, principal) + ":org-role:" + role, admin, principal,
                            List.of(), List.of(roleAssigned(role), member)));
                }
            }
        }
        return new Page<>(grants, r.nextCursor());
    }

    private static String roleAssigned(String role) {
        return Entitlement.idOf(new ResourceRef(ROLE, role), "assigned");
    }

    private Page<Resource> guarded(String listing, Optional<String> pageToken, Page<Resource> page) {
        return guard.admit(listing, pageToken.isEmpty(), page, r -> r.ref().toString());
    }

    private static Page<Resource> page(SentryResponse r, JsonNode items, java.util.function.Function<JsonNode,
            Resource> mapper) {
        List<Resource> out = new ArrayList<>(items.size());
        items.forEach(n -> out.add(mapper.apply(n)));
        return new Page<>(out, r.nextCursor());
    }

    private static Optional<String> cursor(Optional<String> pageToken) {
        pageToken.ifPresent(t -> {
            if (!CURSOR.matcher(t).matches()) {
                throw new SentryException(ErrorKind.INVALID_REQUEST, "request.bad-page-token", "page token '"
                        + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "' is not a Sentry cursor"
                        + " (such as 100:1:0); it did not come from this connector");
            }
        });
        return pageToken;
    }

    private static void noToken(String type, Optional<String> pageToken) {
        if (pageToken.isPresent()) {
            throw new SentryException(ErrorKind.INVALID_REQUEST, "request.bad-page-token", "listings of '" + type
                    + "' have a single page; page token '" + pageToken.get() + "' did not come from this connector");
        }
    }

    private static void knownType(String type) {
        if (TYPES.stream().noneMatch(t -> t.id().equals(type))) {
            throw unknownType(type);
        }
    }

    private static ConnectorException unknownType(String type) {
        return new SentryException(ErrorKind.INVALID_REQUEST, "request.unknown-type", "the Sentry connector has no"
                + " resource type '" + type + "'; it has organization, user, role, team and project");
    }
}
