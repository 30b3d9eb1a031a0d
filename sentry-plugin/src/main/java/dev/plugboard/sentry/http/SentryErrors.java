package dev.plugboard.sentry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.spi.ErrorKind;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Sentry's error answers into {@link SentryException}s a person can act on: what was asked, what Sentry
 * said, and what to change. Never includes the token: every text passes through {@link #redact}.
 */
public final class SentryErrors {
    private final String token;
    private final String organization;
    private final ObjectMapper json;

    /**
     * @param token        the auth token, to redact
     * @param organization the configured organization slug
     * @param json         the JSON reader
     */
    public SentryErrors(String token, String organization, ObjectMapper json) {
        this.token = token;
        this.organization = organization;
        this.json = json;
    }

    /** @return the text with every occurrence of the token replaced by {@code ****} */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        return token.isEmpty() ? text : text.replace(token, "****");
    }

    /**
     * @param status  the HTTP status (4xx other than 429)
     * @param body    the answer's body
     * @param request what was asked
     * @param apiHost where it was sent
     * @return the failure to report
     */
    SentryException forStatus(int status, String body, SentryRequest request, URI apiHost) {
        String detail = detail(body);
        String asked = request.describe(apiHost);
        Endpoint ep = request.endpoint();
        return switch (status) {
            case 401 -> unauthenticated(body, asked, apiHost.getHost());
            case 403 -> new SentryException(ErrorKind.PERMISSION, ep.missingScopeCode(), redact(
                    "The auth token may not " + ep.action() + " of organization '" + organization + "' (403 on "
                            + asked + (detail.isEmpty() ? "" : ": " + detail) + "). It needs the scope "
                            + ep.scope() + " (" + ep.permissionName() + " in the integration's permissions)."
                            + orgTokenHint()));
            case 404 -> new SentryException(ErrorKind.NOT_FOUND, notFoundCode(ep), redact(
                    "Sentry has no " + request.subject() + " at " + apiHost + ", or this token cannot see it"
                            + " (404 on " + asked + "). Check the organization slug and baseUrl (an organization lives"
                            + " in one region: https://us.sentry.io or https://de.sentry.io)."));
            case 400 -> new SentryException(ErrorKind.INVALID_REQUEST, "request.invalid", redact(
                    "Sentry refused " + asked + " as invalid (400)" + (detail.isEmpty() ? "." : ": " + detail)));
            default -> new SentryException(ErrorKind.INVALID_REQUEST, "request.refused", redact(
                    "Sentry answered " + status + " to " + asked + (detail.isEmpty() ? "." : ": " + detail)));
        };
    }

    /**
     * @param body  the 401 answer's body
     * @param asked what was asked, e.g. {@code GET https://us.sentry.io/api/0/organizations/acme/members/}
     * @param host  the API host the token was sent to
     * @return the failure: an expired token, one of another organization, no credentials seen, a token Sentry does
     *     not know, or else a rejection with Sentry's reason
     */
    public SentryException unauthenticated(String body, String asked, String host) {
        String detail = detail(body);
        String d = detail.toLowerCase(java.util.Locale.ROOT);
        String where = " (401 on " + asked + ")";
        if (d.contains("expired")) {
            return new SentryException(ErrorKind.AUTHENTICATION, "auth.token-expired", redact(
                    "The auth token has expired" + where + ". Create a new token in Sentry and set authToken to it."));
        }
        if (d.contains("unauthorized organization")) {
            return new SentryException(ErrorKind.AUTHENTICATION, "auth.wrong-organization", redact(
                    "The auth token belongs to another organization than '" + organization + "'" + where
                            + ". Use a token created in organization '" + organization + "', or fix organization."));
        }
        if (d.contains("not provided")) {
            return new SentryException(ErrorKind.AUTHENTICATION, "auth.missing", redact(
                    "Sentry saw no credentials" + where + "; a proxy may strip the Authorization header."));
        }
        if (d.contains("invalid token")) {
            return new SentryException(ErrorKind.AUTHENTICATION, "auth.invalid-token", redact(
                    "Sentry does not recognize the auth token" + where + ". Check that authToken is the whole token,"
                            + " that it was not revoked, and that it was made on " + host
                            + " (tokens of one Sentry install do not work on another)."));
        }
        return new SentryException(ErrorKind.AUTHENTICATION, "auth.rejected", redact(
                "Sentry rejected the auth token" + where + (detail.isEmpty() ? "." : ": " + detail)));
    }

    private static String notFoundCode(Endpoint ep) {
        return ep == Endpoint.TEAM_MEMBERS ? "team.not-found" : "organization.not-found";
    }

    /** @return advice when the token is an organization auth token, else "" */
    public String orgTokenHint() {
        return token.startsWith("sntrys_")
                ? " This is an organization auth token (sntrys_), which carries only org:ci and cannot read members"
                + " or teams: use an internal integration token (sntryi_, Settings > Custom Integrations) with"
                + " Organization, Member and Team: Read, or a user token (sntryu_) with org:read, member:read and"
                + " team:read."
                : "";
    }

    /**
     * @param body an error body
     * @return Sentry's explanation: {@code detail}, serializer errors as {@code field: message}, a bare JSON
     *     string, or the start of a non-JSON body; never longer than 300 characters
     */
    public String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            JsonNode n = json.readTree(body);
            if (n == null || n.isMissingNode()) {
                text = body;
            } else if (n.isTextual()) {
                text = n.asText();
            } else if (n.isObject() && n.path("detail").isTextual()) {
                text = n.path("detail").asText();
            } else if (n.isObject()) {
                List<String> parts = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    String msg = v.isArray() && v.size() > 0 ? v.get(0).asText() : v.isTextual() ? v.asText()
                            : v.toString();
                    parts.add(e.getKey() + ": " + msg);
                }
                text = String.join("; ", parts);
            } else {
                text = n.toString();
            }
        } catch (java.io.IOException e) {
            text = body;
        }
        text = redact(text.strip().replaceAll("\\s+", " "));
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** @return the error id of a 5xx body, when Sentry sent one */
    Optional<String> errorId(String body) {
        try {
            JsonNode n = json.readTree(body == null ? "" : body);
            return n != null && n.path("errorId").isTextual() ? Optional.of(redact(n.path("errorId").asText()))
                    : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
