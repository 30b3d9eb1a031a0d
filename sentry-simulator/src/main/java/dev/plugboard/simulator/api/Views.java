package dev.plugboard.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.model.Event;
import dev.plugboard.simulator.model.EventEntry;
import dev.plugboard.simulator.model.Feedback;
import dev.plugboard.simulator.model.Issue;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Organization;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.ProjectUser;
import dev.plugboard.simulator.model.Repository;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamMember;
import dev.plugboard.simulator.model.TeamRole;
import dev.plugboard.simulator.model.User;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders the model as Sentry's JSON shapes (the fields of the OpenAPI spec's response schemas). */
public final class Views {
    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;

    /** Views whose links point at this base URL. */
    public Views(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A new object node. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** A new array node. */
    public ArrayNode array() {
        return mapper.createArrayNode();
    }

    /** Serializes a node. */
    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body; empty object for an empty body; null on malformed JSON (caller answers 400). */
    public Optional<JsonNode> parse(String body) {
        if (body.isBlank()) {
            return Optional.of(object());
        }
        try {
            return Optional.of(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String time(Instant instant) {
        return instant.toString();
    }

    private void avatar(ObjectNode n, String type) {
        ObjectNode a = n.putObject("avatar");
        a.put("avatarType", type);
        a.putNull("avatarUuid");
        a.putNull("avatarUrl");
    }

    /** An organization; with {@code detailed}, the role lists and (given) teams and projects. */
    public ObjectNode organization(Organization org, boolean detail, Optional<ArrayNode> teams,
                                   Optional<ArrayNode> projects) {
        ObjectNode n = object();
        n.put("id", org.id());
        n.put("slug", org.slug());
        ObjectNode status = n.putObject("status");
        status.put("id", "active");
        status.put("name", "active");
        n.put("name", org.name());
        n.put("dateCreated", time(org.dateCreated()));
        n.put("isEarlyAdopter", false);
        n.put("require2FA", false);
        avatar(n, "letter_avatar");
        ObjectNode links = n.putObject("links");
        links.put("organizationUrl", baseUrl);
        links.put("regionUrl", baseUrl);
        n.put("hasAuthProvider", true);
        n.put("allowMemberInvite", true);
        n.put("allowMemberProjectCreation", false);
        n.put("allowSuperuserAccess", false);
        n.putArray("features").add("sso-basic").add("team-roles");
        if (detail) {
            n.putObject("extraOptions");
            n.putArray("access");
            n.putArray("onboardingTasks");
            n.put("role", "member");
            n.put("orgRole", "member");
            n.set("orgRoleList", orgRoleList());
            n.set("teamRoleList", teamRoleList());
            n.put("openMembership", false);
            n.put("defaultRole", "member");
            n.put("isDefault", false);
            teams.ifPresent(t -> n.set("teams", t));
            projects.ifPresent(p -> n.set("projects", p));
        }
        return n;
    }

    /** Sentry's {@code orgRoleList}. */
    public ArrayNode orgRoleList() {
        ArrayNode a = array();
        for (OrgRole r : OrgRole.values()) {
            a.add(orgRole(r));
        }
        return a;
    }

    /**
     * One org role as Sentry's role serializer shows it, with its {@code minimumTeamRole} and
     * {@code isTeamRolesAllowed} (getsentry/sentry {@code src/sentry/api/serializers/models/role.py}).
     */
    public ObjectNode orgRole(OrgRole r) {
        ObjectNode n = object();
        n.put("id", r.id());
        n.put("name", r.displayName());
        n.put("desc", r.description());
        ArrayNode scopes = n.putArray("scopes");
        r.scopes().forEach(scopes::add);
        n.put("allowed", true);
        n.put("isAllowed", true);
        n.put("isRetired", r.retired());
        n.put("isTeamRolesAllowed", r.teamRolesAllowed());
        n.put("is_global", r == OrgRole.OWNER || r == OrgRole.MANAGER);
        n.put("isGlobal", r == OrgRole.OWNER || r == OrgRole.MANAGER);
        n.put("minimumTeamRole", r.minimumTeamRole().id());
        return n;
    }

    /** Sentry's {@code teamRoleList}. */
    public ArrayNode teamRoleList() {
        ArrayNode a = array();
        for (TeamRole r : TeamRole.values()) {
            ObjectNode n = a.addObject();
            n.put("id", r.id());
            n.put("name", r.displayName());
            n.put("desc", r.description());
            ArrayNode scopes = n.putArray("scopes");
            r.scopes().forEach(scopes::add);
            n.put("allowed", true);
            n.put("isAllowed", true);
            n.put("isRetired", false);
            n.put("isTeamRolesAllowed", true);
            n.put("isMinimumRoleFor", r.minimumRoleFor());
        }
        return a;
    }

    /** A user object. */
    public ObjectNode user(User u) {
        ObjectNode n = object();
        n.put("id", u.id());
        n.put("name", u.name());
        n.put("username", u.username());
        n.put("email", u.email());
        n.put("avatarUrl", "https://gravatar.com/avatar/" + md5(u.email()) + "?s=32&d=mm");
        n.put("isActive", u.active());
        n.put("isSuspended", false);
        n.put("hasPasswordAuth", u.hasPasswordAuth());
        n.put("isManaged", u.managed());
        n.put("dateJoined", time(u.dateJoined()));
        putTime(n, "lastLogin", u.lastLogin());
        n.put("has2fa", u.has2fa());
        putTime(n, "lastActive", u.lastActive());
        n.put("isSuperuser", false);
        n.put("isStaff", false);
        n.putObject("experiments");
        ObjectNode email = n.putArray("emails").addObject();
        email.put("id", u.id());
        email.put("email", u.email());
        email.put("is_verified", true);
        avatar(n, "letter_avatar");
        n.putArray("authenticators");
        n.put("canReset2fa", false);
        return n;
    }

    private static void putTime(ObjectNode n, String field, Optional<Instant> value) {
        if (value.isPresent()) {
            n.put(field, time(value.get()));
        } else {
            n.putNull(field);
        }
    }

    /**
     * A member (the members list shape). {@code groupOrgRoles}: the org roles the member holds through teams,
     * highest first; the field is left out when there is none, as Sentry does (getsentry/sentry
     * {@code src/sentry/api/serializers/models/organization_member/base.py}).
     */
    public ObjectNode member(Member m, List<Map.Entry<Team, OrgRole>> groupOrgRoles) {
        ObjectNode n = object();
        n.put("id", m.id());
        n.put("email", m.email());
        n.put("name", m.user().map(User::name).orElse(m.email()));
        if (m.user().isPresent()) {
            n.set("user", user(m.user().get()));
        } else {
            n.putNull("user");
        }
        n.put("orgRole", m.orgRole().id());
        n.put("role", m.orgRole().id());
        n.put("roleName", m.orgRole().displayName());
        n.put("pending", m.pending());
        n.put("expired", m.expired());
        ObjectNode f = n.putObject("flags");
        f.put("idp:provisioned", m.flags().idpProvisioned());
        f.put("idp:role-restricted", m.flags().idpRoleRestricted());
        f.put("sso:linked", m.flags().ssoLinked());
        f.put("sso:invalid", m.flags().ssoInvalid());
        f.put("member-limit:restricted", m.flags().memberLimitRestricted());
        f.put("partnership:restricted", m.flags().partnershipRestricted());
        n.put("dateCreated", time(m.dateCreated()));
        n.put("inviteStatus", m.inviteStatus());
        if (m.inviterName().isPresent()) {
            n.put("inviterName", m.inviterName().get());
        } else {
            n.putNull("inviterName");
        }
        n.putArray("externalUsers");
        if (!groupOrgRoles.isEmpty()) {
            ArrayNode g = n.putArray("groupOrgRoles");
            for (Map.Entry<Team, OrgRole> e : groupOrgRoles) {
                ObjectNode r = g.addObject();
                r.put("teamSlug", e.getKey().slug());
                r.set("role", orgRole(e.getValue()));
            }
        }
        return n;
    }

    /** A member with its teams, stored team roles (null: the minimum) and the role lists (the member detail shape). */
    public ObjectNode memberDetail(Member m, List<Map.Entry<Team, OrgRole>> groupOrgRoles,
                                   Collection<Map.Entry<Team, TeamMember>> teams, boolean onlyOwner) {
        ObjectNode n = member(m, groupOrgRoles);
        ArrayNode slugs = n.putArray("teams");
        ArrayNode roles = n.putArray("teamRoles");
        for (Map.Entry<Team, TeamMember> e : teams) {
            slugs.add(e.getKey().slug());
            ObjectNode r = roles.addObject();
            r.put("teamSlug", e.getKey().slug());
            putRole(r, "role", e.getValue().storedRole());
        }
        n.putNull("invite_link");
        n.put("isOnlyOwner", onlyOwner);
        n.set("orgRoleList", orgRoleList());
        n.set("teamRoleList", teamRoleList());
        return n;
    }

    /** A stored team role: its id, or null. */
    public static void putRole(ObjectNode n, String field, Optional<TeamRole> role) {
        if (role.isPresent()) {
            n.put(field, role.get().id());
        } else {
            n.putNull(field);
        }
    }

    /**
     * A team; {@code projects} adds the embedded projects list. {@code orgRole} is the org role the team gives its
     * members, or null (getsentry/sentry {@code src/sentry/api/serializers/models/team.py}).
     */
    public ObjectNode team(Team t, Optional<ArrayNode> projects) {
        ObjectNode n = object();
        n.put("id", t.id());
        n.put("slug", t.slug());
        n.put("name", t.name());
        n.put("dateCreated", time(t.dateCreated()));
        n.put("isMember", false);
        n.putNull("teamRole");
        if (t.orgRole().isPresent()) {
            n.put("orgRole", t.orgRole().get().id());
        } else {
            n.putNull("orgRole");
        }
        n.putObject("flags").put("idp:provisioned", t.idpProvisioned());
        n.putArray("access").add("alerts:read").add("event:read").add("project:read").add("team:read");
        n.put("hasAccess", true);
        n.put("isPending", false);
        n.put("memberCount", t.members().size());
        avatar(n, "letter_avatar");
        projects.ifPresent(p -> {
            n.putArray("externalTeams");
            n.set("projects", p);
        });
        return n;
    }

    /** The short team shape of a project's {@code teams[]}. */
    public ObjectNode teamRef(Team t) {
        ObjectNode n = object();
        n.put("id", t.id());
        n.put("name", t.name());
        n.put("slug", t.slug());
        return n;
    }

    /** A project with its teams (the union of the project list and project detail shapes). */
    public ObjectNode project(Project p, List<Team> teams, boolean hasUserReports) {
        ObjectNode n = object();
        n.put("id", p.id());
        n.put("slug", p.slug());
        n.put("name", p.name());
        if (p.platform().isPresent()) {
            n.put("platform", p.platform().get());
        } else {
            n.putNull("platform");
        }
        n.put("dateCreated", time(p.dateCreated()));
        n.put("isBookmarked", false);
        n.put("isMember", false);
        n.putArray("features").add("alert-filters").add("servicehooks");
        n.put("firstEvent", time(p.dateCreated().plusSeconds(3_600)));
        n.put("firstTransactionEvent", false);
        n.putArray("access").add("alerts:read").add("event:read").add("project:read");
        n.put("hasAccess", true);
        for (String flag : List.of("hasFeedbacks", "hasFlags", "hasMinifiedStackTrace", "hasMonitors",
                "hasNewFeedbacks", "hasProfiles", "hasReplays", "hasSessions", "hasInsightsHttp", "hasInsightsDb",
                "hasInsightsAssets", "hasInsightsAppStart", "hasInsightsScreenLoad", "hasInsightsVitals",
                "hasInsightsCaches", "hasInsightsQueues", "hasInsightsAgentMonitoring", "hasInsightsMCP", "hasLogs",
                "hasTraceMetrics")) {
            n.put(flag, false);
        }
        n.put("isInternal", false);
        n.put("isPublic", false);
        avatar(n, "letter_avatar");
        n.put("color", "#3f70bf");
        n.put("status", "active");
        if (teams.isEmpty()) {
            n.putNull("team");
        } else {
            n.set("team", teamRef(teams.get(0)));
        }
        ArrayNode ts = n.putArray("teams");
        teams.forEach(t -> ts.add(teamRef(t)));
        ArrayNode platforms = n.putArray("platforms");
        p.platform().ifPresent(platforms::add);
        n.put("hasUserReports", hasUserReports);
        n.putArray("environments").add("production").add("staging");
        n.putNull("latestRelease");
        return n;
    }

    /** A repository. */
    public ObjectNode repository(Repository r) {
        ObjectNode n = object();
        n.put("id", r.id());
        n.put("name", r.name());
        n.put("url", r.url());
        ObjectNode provider = n.putObject("provider");
        provider.put("id", r.provider());
        provider.put("name", r.provider().endsWith("github") ? "GitHub" : "GitLab");
        n.put("status", r.status());
        n.put("dateCreated", time(r.dateCreated()));
        n.put("integrationId", r.integrationId());
        n.put("externalSlug", r.externalSlug());
        n.put("externalId", String.valueOf(Math.abs(r.name().hashCode())));
        n.putNull("settings");
        return n;
    }

    /** A project user. */
    public ObjectNode projectUser(ProjectUser u) {
        ObjectNode n = object();
        n.put("id", u.id());
        n.put("tagValue", u.tagValue());
        n.put("identifier", u.identifier());
        n.put("username", u.username());
        n.put("email", u.email());
        n.put("name", u.name());
        n.put("ipAddress", u.ipAddress());
        n.put("avatarUrl", "https://gravatar.com/avatar/" + md5(u.email()) + "?s=32&d=mm");
        n.put("hash", md5(u.tagValue()));
        n.put("dateCreated", time(u.dateCreated()));
        return n;
    }

    /** A user report (feedback). */
    public ObjectNode feedback(Feedback f, Optional<Issue> issue, Optional<Project> project) {
        ObjectNode n = object();
        n.put("id", f.id());
        n.put("eventID", f.eventId());
        n.put("name", f.name());
        n.put("email", f.email());
        n.put("comments", f.comments());
        n.put("dateCreated", time(f.dateCreated()));
        ObjectNode ev = n.putObject("event");
        ev.put("id", f.eventId());
        ev.put("eventID", f.eventId());
        if (issue.isPresent() && project.isPresent()) {
            n.set("issue", issue(issue.get(), project.get()));
        } else {
            n.putNull("issue");
        }
        n.putNull("user");
        return n;
    }

    /** An event; {@code full} adds {@code entries[]} and the other full-body fields. */
    public ObjectNode event(Event e, boolean full) {
        ObjectNode n = object();
        n.put("id", e.eventId());
        n.put("event.type", "error");
        n.put("groupID", e.issueId());
        n.put("eventID", e.eventId());
        n.put("projectID", e.projectId());
        n.put("message", e.message());
        n.put("title", e.title());
        n.put("location", e.culprit());
        n.put("culprit", e.culprit());
        ObjectNode u = n.putObject("user");
        u.put("id", e.user().identifier());
        u.put("email", e.user().email());
        u.put("username", e.user().username());
        u.put("ip_address", e.user().ipAddress());
        u.put("name", e.user().name());
        u.putNull("geo");
        u.putNull("data");
        ArrayNode tags = n.putArray("tags");
        e.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> {
            ObjectNode tag = tags.addObject();
            tag.put("key", t.getKey());
            tag.put("value", t.getValue());
        });
        n.put("platform", e.platform());
        n.put("dateCreated", time(e.dateCreated()));
        n.putNull("crashFile");
        ObjectNode meta = n.putObject("metadata");
        int colon = e.title().indexOf(':');
        meta.put("type", colon > 0 ? e.title().substring(0, colon) : e.title());
        meta.put("value", e.message());
        if (full) {
            ArrayNode entries = n.putArray("entries");
            for (EventEntry entry : e.entries()) {
                ObjectNode en = entries.addObject();
                en.put("type", entry.type());
                en.set("data", mapper.valueToTree(entry.data()));
            }
            n.put("dateReceived", time(e.dateCreated().plusMillis(250)));
            n.putArray("errors");
            n.putArray("fingerprints").add(md5(e.issueId()));
            n.put("size", 4_096);
            n.putObject("contexts");
            n.putObject("context");
            n.putObject("sdk").put("name", "sentry." + e.platform()).put("version", "2.0.0");
        }
        return n;
    }

    /** An issue (the org issues list's shape; see {@link IssueView}). */
    public ObjectNode issue(Issue i, Project project) {
        return IssueView.render(object(), i, project, baseUrl);
    }

    /** The hex MD5 of a text (avatar and user hashes, as Sentry computes them). */
    static String md5(String text) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
