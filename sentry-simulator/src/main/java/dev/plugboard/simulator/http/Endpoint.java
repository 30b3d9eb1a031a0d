package dev.plugboard.simulator.http;

/** Handles one route. May throw {@link ApiError}. */
@FunctionalInterface
public interface Endpoint {
    /** The response to a call. */
    ApiResponse handle(ApiCall call);
}
