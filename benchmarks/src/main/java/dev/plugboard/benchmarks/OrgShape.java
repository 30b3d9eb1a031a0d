package dev.plugboard.benchmarks;

import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Team;

/**
 * The request arithmetic of one organization, 100 items a page.
 *
 * @param members          M
 * @param teams            T
 * @param projects         P
 * @param teamMemberPages  Σ_t max(1, ⌈m_t/100⌉)
 * @param longestTeamPages max_t max(1, ⌈m_t/100⌉)
 */
record OrgShape(int members, int teams, int projects, long teamMemberPages, long longestTeamPages) {

    static OrgShape of(OrgSnapshot org) {
        long sum = 0;
        long longest = 0;
        for (Team t : org.teams()) {
            long pages = Math.max(1, pages(t.members().size()));
            sum += pages;
            longest = Math.max(longest, pages);
        }
        return new OrgShape(org.members().size(), org.teams().size(), org.projects().size(), sum, longest);
    }

    static long pages(long items) {
        return Math.max(1, (items + 99) / 100);
    }

    /** @return 1 + ⌈M/100⌉ + ⌈T/100⌉ + ⌈P/100⌉ + Σ_t max(1,⌈m_t/100⌉) */
    long minimumRequests() {
        return 1 + pages(members) + pages(teams) + pages(projects) + teamMemberPages;
    }

    /** @return requests on the busiest endpoint of a minimal sync (rate limits are per endpoint) */
    long busiestEndpointRequests() {
        return Math.max(teamMemberPages, Math.max(pages(members), Math.max(pages(teams), pages(projects))));
    }

    /** @return the longest chain of requests that must follow one another: org detail, then the longest paged list */
    long longestChain() {
        return 1 + Math.max(pages(members), Math.max(pages(teams) + longestTeamPages, pages(projects)));
    }

    /** @return the peer's requests: org list, members twice, teams and each team's members, projects and one per project */
    long peerRequests() {
        return 1 + 2 * pages(members) + pages(teams) + teamMemberPages + pages(projects) + projects;
    }
}
