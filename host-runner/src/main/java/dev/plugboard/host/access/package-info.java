/**
 * Effective access for user access reviews: {@link dev.plugboard.host.access.EffectiveAccess} reads a sync file
 * and follows expandable grants (a team's members get the team's project access) to one
 * {@link dev.plugboard.host.access.AccessRow} per principal and entitlement, with the path it comes through.
 */
package dev.plugboard.host.access;
