package dev.plugboard.simulator.faults;

/** What a fault does to a matching request. */
public enum FaultKind {
    /** Answer a 5xx with Sentry's 500 body {@code {"detail":"Internal Error","errorId":"..."}}. */
    SERVER_ERROR,
    /** Reset the connection (WireMock's {@code CONNECTION_RESET_BY_PEER}). */
    CONNECTION_RESET,
    /** Send a 200 then a malformed chunk (WireMock's {@code MALFORMED_RESPONSE_CHUNK}). */
    MALFORMED_CHUNK,
    /** Close without a response (WireMock's {@code EMPTY_RESPONSE}). */
    EMPTY_RESPONSE,
    /** Delay the response (fixed or a random range), then answer normally. */
    LATENCY,
    /** Answer normally but with a body that is not valid JSON. */
    MALFORMED_JSON,
    /** Answer normally but with the body cut in half. */
    TRUNCATED_BODY,
    /** Answer 429 with Sentry's rate-limit body (a burst: use {@link FaultRule#times(int)}). */
    RATE_LIMITED
}
