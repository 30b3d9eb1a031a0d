/**
 * The Sentry connector's provisioning: {@link dev.plugboard.sentry.provisioning.SentryProvisioning} parses the
 * entitlement ({@link dev.plugboard.sentry.provisioning.Target}) and hands it to the class for what it changes:
 * {@link dev.plugboard.sentry.provisioning.TeamMembership}, {@link dev.plugboard.sentry.provisioning.TeamRole},
 * {@link dev.plugboard.sentry.provisioning.OrgRole}, {@link dev.plugboard.sentry.provisioning.ProjectAccess} and
 * {@link dev.plugboard.sentry.provisioning.Accounts}. Each reads and writes through one
 * {@link dev.plugboard.sentry.provisioning.Remote} per operation and ends with an
 * {@link dev.plugboard.sentry.provisioning.Outcomes} result. See {@code sentry-plugin/PROVISIONING.md}.
 */
package dev.plugboard.sentry.provisioning;
