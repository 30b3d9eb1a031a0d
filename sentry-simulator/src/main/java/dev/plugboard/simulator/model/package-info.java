/**
 * The simulated organization: immutable records (members, teams, projects, issues, events, ...), the deterministic
 * generators that make them from a seed and sizes, the live thread-safe {@link dev.plugboard.simulator.model.OrgState}
 * that provisioning changes, and the churn and growth that change it between runs. It depends on no other package
 * of the simulator.
 */
package dev.plugboard.simulator.model;
