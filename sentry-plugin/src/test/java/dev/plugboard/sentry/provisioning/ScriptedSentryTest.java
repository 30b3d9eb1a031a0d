package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.plugboard.sentry.http.SentryApi;
import dev.plugboard.sentry.http.SentryErrors;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.ResourceRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static dev.plugboard.sentry.provisioning.Sim.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the simulator cannot be made to do: a failed undo, Sentry refusing a role change to a prefix-less token. */
class ScriptedSentryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SentryErrors ERRORS = new SentryErrors("sntryi_scripted_not_a_secret", "acme", JSON);

    /** Answers each request with the next scripted reply (or failure) and records what was asked. */
    private static final class Script implements SentryApi {
        final Deque<Object> replies = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();
        private final TokenKind kind;

        Script(TokenKind kind) {
            this.kind = kind;
        }

        Script then(int status, String body) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (java.io.IOException e) {
                json = MissingNode.getInstance();
            }
            replies.add(new SentryResponse(status, body, json, Optional.empty()));
            return this;
        }

        Script thenFail(ConnectorException e) {
            replies.add(e);
            return this;
        }

        @Override
        public String organization() {
            return "acme";
        }

        SentryProvisioning provisioning() {
            return new SentryProvisioning(this, kind, () -> CompletableFuture.completedFuture(List.of("member",
                    "admin", "manager", "owner")));
        }

        @Override
        public String detail(String body) {
            return ERRORS.detail(body);
        }

        @Override
        public ConnectorException unauthenticated(String body, String asked) {
            return ERRORS.unauthenticated(body, asked, "sentry.example.com");
        }

        @Override
        public CompletionStage<SentryResponse> get(SentryRequest request, Optional<String> cursor) {
            throw new AssertionError("provisioning exchanges");
        }

        @Override
        public CompletionStage<SentryResponse> exchange(SentryRequest call, Optional<String> cursor) {
            asked.add(call.describe() + call.jsonBody().map(b -> " " + b).orElse(""));
            Object next = replies.removeFirst();
            return next instanceof ConnectorException e ? CompletableFuture.failedFuture(e)
                    : CompletableFuture.completedFuture((SentryResponse) next);
        }
    }

    private static final String MEMBER = "{\"id\":\"12\",\"email\":\"ada@example.com\",\"orgRole\":\"member\","
            + "\"teams\":[],\"teamRoles\":[]}";
    private static final String TEAMS = "[{\"id\":\"5\",\"slug\":\"backend\",\"flags\":{\"idp:provisioned\":false}}]";

    @Test
    void aFailedUndoSaysExactlyWhatWasChanged() {
        Script sentry = new Script(TokenKind.INTEGRATION).then(200, MEMBER).then(200, TEAMS)
                .then(201, "{\"id\":\"5\",\"slug\":\"backend\"}")
                .thenFail(new ConnectorException(ErrorKind.UNAVAILABLE, "Sentry answered 503 (PUT ...)."))
                .thenFail(new ConnectorException(ErrorKind.UNAVAILABLE, "Sentry answered 503 (DELETE ...)."));
        ConnectorException e = failure(sentry.provisioning().grant(new GrantRequest("team:5:admin",
                new ResourceRef("user", "12"), false)));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals("Sentry answered 503 (PUT ...). CHANGED: member 12 (ada@example.com) was added to team"
                + " 'backend' (team:5) as contributor, and removing them again failed (Sentry answered 503 (DELETE"
                + " ...).). To undo, revoke team:5:member from user:12.", e.getMessage());
        String path = "/api/0/organizations/acme/members/12/teams/5/";
        assertEquals(List.of("GET /api/0/organizations/acme/members/12/", "GET /api/0/organizations/acme/teams/",
                "POST " + path, "PUT " + path + " {\"teamRole\":\"admin\"}", "DELETE " + path), sentry.asked);
    }

    @Test
    void sentrysRefusalOfARoleChangeIsMappedToo() {
        // Sentry's answer without member:admin (get_allowed_org_roles is empty): a serializer error
        Script sentry = new Script(TokenKind.LEGACY).then(200, MEMBER).then(400, "{\"orgRole\":[\"You do not have"
                + " permission to set that org-level role\"]}");
        ConnectorException e = failure(sentry.provisioning().grant(new GrantRequest("role:owner:assigned",
                new ResourceRef("user", "12"), false)));
        assertEquals(ErrorKind.PERMISSION, e.kind());
        assertEquals("Changing a member's organization role needs a user auth token (sntryu_) with the scope"
                + " member:admin (member:write is not enough): Sentry refuses it to other tokens and lets no role be"
                + " set without member:admin; authToken is a token without a prefix (Sentry answered 400 on PUT"
                + " /api/0/organizations/acme/members/12/: orgRole: You do not have permission to set that org-level"
                + " role). Configure a user auth token of an owner or manager with the scope member:admin (Settings >"
                + " Account > API > Auth Tokens) for role changes.", e.getMessage());
        assertEquals(List.of("GET /api/0/organizations/acme/members/12/",
                "PUT /api/0/organizations/acme/members/12/ {\"orgRole\":\"owner\",\"teamRoles\":[]}"), sentry.asked);
    }

    @Test
    void anInvitationSentryRefusesIsInvalidRequestWithSentrysReason() {
        // the prefix passed the check before calling; Sentry still refused: its reason is passed on
        Script sentry = new Script(TokenKind.USER).then(200, "[]").then(400, "{\"orgRole\":[\"Integration tokens are"
                + " restricted to inviting new members with the member role only.\"]}");
        ConnectorException e = failure(sentry.provisioning().createAccount(
                new dev.plugboard.spi.AccountRequest(java.util.Map.of("email", "a@example.com", "role", "admin"),
                        false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("Sentry refused to invite members (400 on POST /api/0/organizations/acme/members/: orgRole:"
                + " Integration tokens are restricted to inviting new members with the member role only.).",
                e.getMessage());
    }
}
