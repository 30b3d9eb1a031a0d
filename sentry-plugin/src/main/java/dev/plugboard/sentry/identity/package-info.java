/**
 * The Sentry connector's identity side: the memoized organization detail and its listings
 * ({@link dev.plugboard.sentry.identity.SentryOrganization}, {@link dev.plugboard.sentry.identity.OrgDetail}), the
 * identity sync that maps them to resources, entitlements and grants
 * ({@link dev.plugboard.sentry.identity.IdentitySync}), and {@code check()}
 * ({@link dev.plugboard.sentry.identity.SentryCheck}).
 */
package dev.plugboard.sentry.identity;
