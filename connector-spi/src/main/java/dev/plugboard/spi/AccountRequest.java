package dev.plugboard.spi;

import java.util.Map;

/**
 * Asks for a new account (e.g. an invitation to an organization).
 *
 * @param profile the account's attributes as JSON-shaped JDK values, e.g. {@code email} and {@code role};
 *                the connector documents which it takes
 * @param dryRun  when true, change nothing and answer {@link ProvisioningResult.Outcome#PLANNED}
 */
public record AccountRequest(Map<String, Object> profile, boolean dryRun) {

    /** Checks and deep-copies. */
    public AccountRequest {
        profile = JsonValues.copyObject(profile, "profile");
    }
}
