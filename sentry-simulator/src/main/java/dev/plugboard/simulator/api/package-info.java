/**
 * The simulated endpoints, grouped as Sentry's API is: identity (organizations, members, teams, projects), reports
 * (issues, events, feedback, users, repositories), usage (event counts) and provisioning (membership and role
 * changes); {@link dev.plugboard.simulator.api.SentryApi} registers them and {@link dev.plugboard.simulator.api.Views}
 * renders model records in Sentry's response shapes.
 */
package dev.plugboard.simulator.api;
