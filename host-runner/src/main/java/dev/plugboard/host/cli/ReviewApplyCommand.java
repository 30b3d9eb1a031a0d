package dev.plugboard.host.cli;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.review.AccessGraph;
import dev.plugboard.host.review.CampaignRows;
import dev.plugboard.host.review.ReviewCsv;
import dev.plugboard.host.review.ReviewPlan;
import dev.plugboard.host.review.ReviewPlanner;
import dev.plugboard.host.store.ReviewStore;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredAccess;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredSync;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.RevokeRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plugboard review apply}: turns a campaign's revoke decisions into a plan of direct revokes, checked against
 * the store's latest completed sync, and sends them through the plugin's provisioning as {@code plugboard revoke}
 * does. Every decision, planned revoke and outcome is recorded in the store before and after it happens.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply a decided campaign CSV: plan the revokes, check them, and send them through the plugin.",
            "Unknown, duplicated, conflicting or stale rows are refused with their row numbers, and so are revokes"
                + " that take away more than was decided; then nothing is sent.",
            "The remove column chooses what to revoke for access through a path: empty (the principal's own grant"
                + " on each path, refused when it takes away anything not decided revoke), own (the same, accepting"
                + " that), grant (the grant that gives the entitlement: the team from the project), or grant ids"
                + " separated by spaces.",
            "On a terminal it asks first, unless --yes; --dry-run sends only the plugin's reads."})
final class ReviewApplyCommand extends ConnectorCommand {
    @Parameters(index = "1..2", arity = "1..2", paramLabel = "[CAMPAIGN] FILE", hideParamSyntax = true,
            description = "The campaign id (default: the one in the file's campaign column) and the decided CSV.")
    private List<String> arguments = new ArrayList<>();

    @Mixin
    private StoreOptions store;

    @Mixin
    private DryRunOption dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation on a terminal.")
    private boolean yes;

    @Option(names = "--by", paramLabel = "WHO", description = "Who applies it (default: the system user).")
    private String by;

    private Optional<Long> campaignArgument = Optional.empty();
    private Path file;

    @Override
    protected String operation() {
        return "revoke()";
    }

    @Override
    protected boolean namesItsTargets() {
        return true;
    }

    @Override
    protected void checkOptions() {
        if (arguments.size() == 2) {
            try {
                campaignArgument = Optional.of(Long.parseLong(arguments.get(0)));
            } catch (NumberFormatException e) {
                throw new HostException(ExitCode.USAGE, "CAMPAIGN '" + arguments.get(0) + "' is not a campaign id"
                        + " (plugboard review list shows them)");
            }
        }
        file = Path.of(arguments.get(arguments.size() - 1));
        store.connection().ifPresent(n -> {
            throw new HostException(ExitCode.USAGE, "review apply takes its connection from the campaign; drop"
                    + " --connection");
        });
    }

    @Override
    protected int run(ConnectorSession session) {
        List<ReviewCsv.DecidedRow> rows = read();
        try (Store opened = store.open()) {
            ReviewStore reviews = opened.reviews();
            ReviewStore.Campaign campaign = reviews.campaign(campaignArgument.orElseGet(() -> campaignOf(rows)));
            StoredConnection connection = opened.connection(Optional.of(campaign.connectionName()));
            String identity = Store.connectionIdentity(session.plugin().id(), session.config().identityValues());
            if (!connection.pluginId().equals(session.plugin().id()) || !connection.configIdentity().equals(identity)) {
                throw new HostException(ExitCode.USAGE, "campaign " + campaign.id() + " reviews connection '"
                        + connection.name() + "' (plugin '" + connection.pluginId() + "'), and " + options().plugin()
                        + " with " + options().configSource() + " is another connection: give that connection's"
                        + " plugin and configuration");
            }
            StoredSync latest = SyncSelector.latest(opened, connection);
            Set<String> principals = rows.stream().map(ReviewCsv.DecidedRow::principal).collect(Collectors.toSet());
            List<ReviewStore.Row> now = CampaignRows.of(StoredAccess.at(opened, latest, r -> true),
                    r -> principals.contains(r.principalType() + ":" + r.principalId()));
            ReviewPlan plan = new ReviewPlanner(campaign.id(), reviews.rows(campaign), now, latest.id(),
                    AccessGraph.of(opened, latest)).plan(rows);
            long run = reviews.startRun(new ReviewStore.Run(0, campaign.id(), Instant.now(), ReviewCommand.who(by),
                    file.toString(), dryRun.enabled(), latest.id(), "running", "", Optional.empty()));
            reviews.recordDecisions(run, plan.decisions());
            if (!plan.refusals().isEmpty()) {
                String message = file + ": " + Plurals.of(plan.refusals().size(), "row") + " refused, nothing was sent"
                        + " (run " + run + " of campaign " + campaign.id() + " records it):\n  "
                        + String.join("\n  ", plan.refusals());
                reviews.finishRun(run, "refused", String.join("\n", plan.refusals()), Instant.now());
                throw new HostException(ExitCode.INVALID_CONFIG, message);
            }
            return send(session, reviews, campaign, latest, run, plan);
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }

    private List<ReviewCsv.DecidedRow> read() {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ReviewCsv.decisions(ReviewCsv.read(in, file.toString()));
        } catch (NoSuchFileException e) {
            throw new HostException(ExitCode.USAGE, "the decisions file " + file + " does not exist");
        } catch (IOException e) {
            throw new HostException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage());
        }
    }

    private long campaignOf(List<ReviewCsv.DecidedRow> rows) {
        Set<String> ids = rows.stream().filter(r -> !r.decision().isEmpty()).map(ReviewCsv.DecidedRow::campaign)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (ids.size() != 1) {
            throw new HostException(ExitCode.USAGE, file + (ids.isEmpty() ? " has no decided row (decision keep or"
                    + " revoke)" : " decides rows of several campaigns (" + String.join(", ", ids) + ")")
                    + ": give the campaign id before the file");
        }
        try {
            return Long.parseLong(ids.iterator().next());
        } catch (NumberFormatException e) {
            throw new HostException(ExitCode.USAGE, file + ": campaign '" + ids.iterator().next() + "' is not a"
                    + " campaign id");
        }
    }

    private int send(ConnectorSession session, ReviewStore reviews, ReviewStore.Campaign campaign, StoredSync latest,
                     long run, ReviewPlan plan) {
        PrintWriter out = out();
        SecretMasker masker = session.config().masker();
        long revokes = plan.decisions().stream().filter(d -> d.decision().equals("revoke")).count();
        out.println("campaign " + campaign.id() + " of connection '" + campaign.connectionName() + "', checked against "
                + latest.label() + ": " + Plurals.of(plan.decisions().size(), "decision") + " (" + revokes
                + " revoke, " + (plan.decisions().size() - revokes) + " keep), " + Plurals.of(plan.revokes().size(),
                "revoke") + " to send" + (dryRun.enabled() ? " (dry run)" : ""));
        Instant planned = Instant.now();
        int seq = 0;
        for (ReviewPlan.PlannedRevoke p : plan.revokes()) {
            seq++;
            reviews.recordAction(run, new ReviewStore.Action(seq, p.revoke().entitlement(), p.revoke().principal(),
                    p.forRows(), p.alsoRemoves(), "planned", "", List.of(), planned, Optional.empty()));
            out.println("revoke " + p.revoke().entitlement() + " from " + p.revoke().principal() + " (row"
                    + (p.forRows().size() == 1 ? " " : "s ") + p.forRows().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ")");
            if (!p.alsoRemoves().isEmpty()) {
                out.println("  also takes away: " + String.join(", ", p.alsoRemoves()));
            }
        }
        out.flush();
        if (plan.revokes().isEmpty()) {
            reviews.finishRun(run, dryRun.enabled() ? "planned" : "applied", "nothing to revoke", Instant.now());
            return ExitCode.OK.code();
        }
        java.io.Console console = System.console();
        if (!dryRun.enabled() && !yes && console != null && !AccountCommand.Delete.confirmed(
                new java.io.BufferedReader(console.reader()), console.writer(), "Send " + Plurals.of(
                        plan.revokes().size(), "revoke") + " with plugin '" + options().plugin() + "'? Type yes: ")) {
            for (int i = 1; i <= plan.revokes().size(); i++) {
                reviews.actionOutcome(run, i, "not sent", "cancelled before sending", List.of(), Instant.now());
            }
            reviews.finishRun(run, "cancelled", "the answer was not 'yes'", Instant.now());
            throw new HostException(ExitCode.INTERRUPTED, "nothing revoked: the answer was not 'yes' (--yes revokes"
                    + " without asking)");
        }
        int exit = ExitCode.OK.code();
        int failed = 0;
        ExitCode failure = ExitCode.REMOTE;
        seq = 0;
        for (ReviewPlan.PlannedRevoke p : plan.revokes()) {
            seq++;
            AccessGraph.Revoke r = p.revoke();
            if (!dryRun.enabled()) {
                reviews.actionOutcome(run, seq, "sending", "", List.of(), Instant.now());
            }
            try {
                ProvisioningResult result = session.await(session.provisioning().revoke(new RevokeRequest(
                        r.entitlement(), ResourceRef.parse(r.principal()), dryRun.enabled())), "revoke()");
                String outcome = switch (result.outcome()) {
                    case DONE -> "done";
                    case ALREADY_SO -> "already so";
                    case NEEDS_ACTION -> "needs action";
                    case PLANNED -> "dry run";
                };
                List<String> requests = result.requests().stream().map(masker::mask).toList();
                reviews.actionOutcome(run, seq, outcome, masker.mask(result.message()), requests, Instant.now());
                out.println(outcome + ": " + masker.mask(result.message()));
                String verb = result.outcome() == ProvisioningResult.Outcome.PLANNED ? "  would send: " : "  sent: ";
                requests.forEach(q -> out.println(verb + q));
                if (result.outcome() == ProvisioningResult.Outcome.NEEDS_ACTION && exit == ExitCode.OK.code()) {
                    exit = ExitCode.PENDING.code();
                }
            } catch (HostException | dev.plugboard.spi.ConnectorException e) {
                HostException h = e instanceof HostException he ? he : session.failure(e, "revoke()");
                reviews.actionOutcome(run, seq, "failed", masker.mask(h.getMessage()), List.of(), Instant.now());
                out.println("failed: " + masker.mask(h.getMessage()));
                if (failed++ == 0 && h.exitCode() != ExitCode.INVALID_CONFIG) {
                    failure = h.exitCode();
                }
            }
            out.flush();
        }
        String status = dryRun.enabled() ? "planned" : failed > 0 ? "failed" : "applied";
        reviews.finishRun(run, status, failed > 0 ? failed + " of " + plan.revokes().size() + " revokes failed" : "",
                Instant.now());
        if (failed > 0) {
            throw new HostException(failure, failed + " of " + plan.revokes().size() + " revokes"
                    + " failed (run " + run + " of campaign " + campaign.id() + " records each outcome:"
                    + " plugboard review report " + campaign.id() + ")");
        }
        return exit;
    }
}
