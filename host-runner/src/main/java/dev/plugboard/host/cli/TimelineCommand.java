package dev.plugboard.host.cli;

import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreTimeline;
import dev.plugboard.host.store.StoredConnection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugboard timeline}: since when and until when a principal held what, or who held an entitlement. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Show each grant and effective access of a principal or an entitlement over time.",
            "Over the connection's completed syncs: from which sync, until which sync, and through which path."})
final class TimelineCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @ArgGroup(multiplicity = "1")
    private Subject subject;

    static final class Subject {
        @Option(names = "--principal", paramLabel = "TYPE:ID", description = "A principal, e.g. user:100022.")
        String principal;

        @Option(names = "--entitlement", paramLabel = "ID", description = "An entitlement, e.g. role:admin:assigned.")
        String entitlement;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (subject.principal != null && !subject.principal.matches("[^:]+:.+")) {
            throw new HostException(ExitCode.USAGE, "--principal " + subject.principal + ": expected TYPE:ID, e.g."
                    + " user:100022");
        }
        try (Store opened = store.open()) {
            StoredConnection connection = opened.connection(store.connection());
            List<StoreTimeline.Interval> intervals = new StoreTimeline(opened, connection)
                    .intervals(Optional.ofNullable(subject.principal), Optional.ofNullable(subject.entitlement));
            String who = subject.principal != null ? subject.principal : subject.entitlement;
            out.println("timeline of " + who + " in connection " + connection.name());
            print(out, "grants", intervals.stream().filter(i -> i.what().equals("grant")).toList(), true);
            print(out, "effective access", intervals.stream().filter(i -> i.what().equals("access")).toList(), false);
            return ExitCode.OK.code();
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }

    private static void print(PrintWriter out, String title, List<StoreTimeline.Interval> intervals, boolean grants) {
        out.println();
        if (intervals.isEmpty()) {
            out.println(title + ": none in the stored syncs");
            return;
        }
        out.println(title + ":");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PRINCIPAL", "ENTITLEMENT", grants ? "GRANT" : "PATH", "SINCE", "UNTIL"});
        for (StoreTimeline.Interval i : intervals) {
            rows.add(new String[] {i.principal(), i.entitlement(), i.path(), i.from().label(),
                i.current() ? "now (" + i.until().label() + ")" : i.until().label()});
        }
        PluginsCommand.printTable(out, rows);
    }
}
