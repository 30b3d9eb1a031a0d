package dev.plugboard.sentry;

import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Team;

import java.net.URI;
import java.util.Optional;

/** Helpers to point the connector at a simulator and compute what a sync should cost. */
final class SimulatorFixture {
    private SimulatorFixture() {
    }

    static SentryConfig config(SentrySimulator sim, String token, String organization) {
        return new SentryConfig(token, organization, URI.create(sim.baseUrl()), Optional.empty(), Optional.empty());
    }

    static SentryConfig config(SentrySimulator sim) {
        return config(sim, sim.token(), sim.organization());
    }

    static long ceil100(long n) {
        return (n + 99) / 100;
    }

    /** {@code 1 + ⌈M/100⌉ + ⌈T/100⌉ + ⌈P/100⌉ + Σ_t max(1,⌈m_t/100⌉)}, with a listing of 0 items costing 1. */
    static long minimumRequests(OrgSnapshot org) {
        long n = 1 + Math.max(1, ceil100(org.members().size())) + Math.max(1, ceil100(org.teams().size()))
                + Math.max(1, ceil100(org.projects().size()));
        for (Team t : org.teams()) {
            n += Math.max(1, ceil100(t.members().size()));
        }
        return n;
    }
}
