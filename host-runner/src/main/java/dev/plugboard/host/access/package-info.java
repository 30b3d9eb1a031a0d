/**
 * Effective access for user access reviews: {@link dev.plugboard.host.access.EffectiveAccess} reads a sync file
 * and follows expandable grants (a team's members get the team's project access) to one
 * {@link dev.plugboard.host.access.AccessRow} per path by which a principal holds an entitlement.
 */
package dev.plugboard.host.access;
