package dev.plugboard.simulator.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An error answer with Sentry's body, thrown by handlers and turned into a response by the engine. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Sentry's 404 detail. */
    public static final String NOT_FOUND = "The requested resource does not exist";
    /** Sentry's 403 detail. */
    public static final String FORBIDDEN = "You do not have permission to perform this action.";

    private final int status;
    private final transient ObjectNode body;

    private ApiError(int status, ObjectNode body) {
        super(status + " " + body);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The JSON body. */
    public ObjectNode body() {
        return body;
    }

    /** An error with a {@code {"detail": ...}} body. */
    public static ApiError detail(int status, String detail) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("detail", detail);
        return new ApiError(status, n);
    }

    /** An error with any JSON object body. */
    public static ApiError body(int status, ObjectNode body) {
        return new ApiError(status, body.deepCopy());
    }

    /** 404 with Sentry's body. */
    public static ApiError notFound() {
        return detail(404, NOT_FOUND);
    }

    /** 403 with Sentry's body. */
    public static ApiError forbidden() {
        return detail(403, FORBIDDEN);
    }

    /** 400 with a detail. */
    public static ApiError badRequest(String detail) {
        return detail(400, detail);
    }

    /** 400 with a serializer-style body {@code {"field": ["message"]}}. */
    public static ApiError field(String field, String message) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray(field).add(message);
        return new ApiError(400, n);
    }

    /** 400 with serializer-style errors for several fields. */
    public static ApiError fields(List<String[]> fieldMessages) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (String[] fm : fieldMessages) {
            n.withArray(fm[0]).add(fm[1]);
        }
        return new ApiError(400, n);
    }
}
