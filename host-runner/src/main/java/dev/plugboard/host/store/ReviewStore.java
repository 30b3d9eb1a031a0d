package dev.plugboard.host.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Access reviews in the store: campaigns with the access they list, and the evidence of each apply run (the
 * decisions read, the revokes planned, what was sent and answered). Evidence is only ever added to, never changed
 * but for an action's outcome, which is written after the revoke it records was sent.
 */
public interface ReviewStore {

    /**
     * Opens a campaign: the campaign and every row, in one transaction.
     *
     * @param connection the connection
     * @param syncId     the completed sync its access comes from
     * @param filter     the filter, as typed ({@code ""} for none)
     * @param by         who started it
     * @param at         when
     * @param rows       its rows, numbered from 1 in this order
     * @return the campaign
     */
    Campaign startCampaign(StoredConnection connection, long syncId, String filter, String by, Instant at,
                           List<Row> rows);

    /**
     * @param connection one connection, or empty for all
     * @return the campaigns, oldest first
     */
    List<Campaign> campaigns(Optional<StoredConnection> connection);

    /**
     * @param id a campaign id
     * @return the campaign
     * @throws StoreException (usage) when there is none
     */
    Campaign campaign(long id);

    /**
     * @param campaign a campaign
     * @return its rows, by row number
     */
    List<Row> rows(Campaign campaign);

    /**
     * Starts an apply run (status {@code running}).
     *
     * @param run the run, whose id and status are ignored
     * @return its id
     */
    long startRun(Run run);

    /**
     * Ends a run.
     *
     * @param runId   the run
     * @param status  {@code refused}, {@code cancelled}, {@code planned}, {@code applied} or {@code failed}
     * @param message what to say about it
     * @param at      when
     */
    void finishRun(long runId, String status, String message, Instant at);

    /**
     * @param runId     the run
     * @param decisions the decisions it read, with their verdicts
     */
    void recordDecisions(long runId, List<Decision> decisions);

    /**
     * Records a planned revoke, before anything is sent.
     *
     * @param runId  the run
     * @param action the action
     */
    void recordAction(long runId, Action action);

    /**
     * Records what became of an action.
     *
     * @param runId    the run
     * @param seq      the action's number
     * @param outcome  {@code sending}, {@code done}, {@code already so}, {@code needs action}, {@code dry run},
     *                 {@code failed} or {@code not sent}
     * @param message  the plugin's answer or the failure (secrets masked)
     * @param requests the requests sent, or with a dry run the ones that would be
     * @param at       when
     */
    void actionOutcome(long runId, int seq, String outcome, String message, List<String> requests, Instant at);

    /**
     * @param campaign a campaign
     * @return its runs, oldest first
     */
    List<Run> runs(Campaign campaign);

    /**
     * @param runId a run
     * @return its decisions, by file row
     */
    List<Decision> decisions(long runId);

    /**
     * @param runId a run
     * @return its actions, in order
     */
    List<Action> actions(long runId);

    /**
     * A review campaign.
     *
     * @param id             its id
     * @param connectionId   its connection
     * @param connectionName its connection's name
     * @param syncId         the completed sync it was started from
     * @param filter         the filter it was started with ({@code ""}: none)
     * @param startedAt      when
     * @param startedBy      who
     * @param rowCount       how many rows it lists
     */
    record Campaign(long id, long connectionId, String connectionName, long syncId, String filter,
                    Instant startedAt, String startedBy, long rowCount) {
        /** Checks every component. */
        public Campaign {
            Objects.requireNonNull(connectionName, "connectionName");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(startedBy, "startedBy");
        }
    }

    /**
     * One principal holding one entitlement, with every path: a campaign's row.
     *
     * @param number        its number in the campaign, from 1 (0 before it is stored)
     * @param principal     {@code type:id}
     * @param principalName the principal's display name
     * @param entitlementId the entitlement
     * @param resourceType  the entitlement's resource type
     * @param resourceId    that resource's id
     * @param resourceName  its display name
     * @param slug          the entitlement's slug
     * @param paths         every path, each with the grant of its last step
     * @param lastLogin     the principal's last login, or empty text
     * @param lastActive    the principal's last activity, or empty text
     */
    record Row(int number, String principal, String principalName, String entitlementId, String resourceType,
               String resourceId, String resourceName, String slug, List<Path> paths, String lastLogin,
               String lastActive) {
        /** Checks and copies. */
        public Row {
            for (Object o : new Object[] {principal, principalName, entitlementId, resourceType, resourceId,
                resourceName, slug, lastLogin, lastActive}) {
                Objects.requireNonNull(o, "a review row's values must not be null (use empty text)");
            }
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("a review row needs at least one path");
            }
        }

        /** @return the row with this number */
        public Row numbered(int n) {
            return new Row(n, principal, principalName, entitlementId, resourceType, resourceId, resourceName, slug,
                    paths, lastLogin, lastActive);
        }
    }

    /**
     * One path of a row.
     *
     * @param path    {@code direct}, or the entitlement ids it flows through joined with {@code " -> "}
     * @param grantId the grant of its last step
     */
    record Path(String path, String grantId) {
        /** Checks every component. */
        public Path {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(grantId, "grantId");
        }
    }

    /**
     * One run of {@code review apply}.
     *
     * @param id         its id (0 before it is stored)
     * @param campaignId its campaign
     * @param startedAt  when
     * @param by         who ran it
     * @param file       the decisions file
     * @param dryRun     whether it was a dry run
     * @param syncId     the completed sync its plan was checked against
     * @param status     {@code running}, {@code refused}, {@code cancelled}, {@code planned}, {@code applied} or
     *                   {@code failed}
     * @param message    what was said about it
     * @param finishedAt when it ended
     */
    record Run(long id, long campaignId, Instant startedAt, String by, String file, boolean dryRun, long syncId,
               String status, String message, Optional<Instant> finishedAt) {
        /** Checks every component. */
        public Run {
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(finishedAt, "finishedAt");
        }
    }

    /**
     * A decision read from a decisions file, and what the run made of it.
     *
     * @param fileRow       its row in the file (the header is row 1)
     * @param principal     {@code type:id}
     * @param entitlementId the entitlement
     * @param decision      {@code keep} or {@code revoke}
     * @param reviewer      who decided
     * @param comment       why
     * @param remove        the {@code remove} choice, as written
     * @param verdict       {@code accepted}, or why the row was refused
     */
    record Decision(int fileRow, String principal, String entitlementId, String decision, String reviewer,
                    String comment, String remove, String verdict) {
        /** Checks every component. */
        public Decision {
            for (Object o : new Object[] {principal, entitlementId, decision, reviewer, comment, remove, verdict}) {
                Objects.requireNonNull(o, "a decision's values must not be null (use empty text)");
            }
        }
    }

    /**
     * A revoke the plan sends, and what became of it.
     *
     * @param seq           its number in the run, from 1
     * @param entitlementId the entitlement to revoke
     * @param principal     from whom ({@code type:id})
     * @param forRows       the file rows it serves
     * @param alsoRemoves   what else it takes away ({@code principal entitlement} items), beyond the rows decided
     * @param outcome       {@code planned}, {@code sending}, {@code done}, {@code already so}, {@code needs action},
     *                      {@code dry run}, {@code failed} or {@code not sent}
     * @param message       the plugin's answer
     * @param requests      the requests sent (or, in a dry run, that would be)
     * @param plannedAt     when it was planned
     * @param finishedAt    when its outcome was recorded
     */
    record Action(int seq, String entitlementId, String principal, List<Integer> forRows, List<String> alsoRemoves,
                  String outcome, String message, List<String> requests, Instant plannedAt,
                  Optional<Instant> finishedAt) {
        /** Checks and copies. */
        public Action {
            Objects.requireNonNull(entitlementId, "entitlementId");
            Objects.requireNonNull(principal, "principal");
            forRows = List.copyOf(forRows);
            alsoRemoves = List.copyOf(alsoRemoves);
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
            requests = List.copyOf(requests);
            Objects.requireNonNull(plannedAt, "plannedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
        }
    }
}
