package dev.plugboard.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the conformance suite against a fixture through the JUnit Platform launcher, outside any build tool: what
 * {@code plugboard conformance} does, and what tests of the suite itself use.
 */
public final class ConformanceRunner {
    private ConformanceRunner() {
    }

    /**
     * @param fixture the plugin jar and configs
     * @return every check's outcome, in the suite's order
     */
    public static ConformanceReport run(ConformanceFixture fixture) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(LaunchedConformanceSuite.class))
                .configurationParameter(LaunchedConformanceSuite.FIXTURE_PARAMETER, FixtureCodec.encode(fixture))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        Collector collector = new Collector();
        launcher.execute(request, collector);
        return new ConformanceReport(collector.outcomes);
    }

    private static final class Collector implements TestExecutionListener {
        private final List<CheckOutcome> outcomes = new ArrayList<>();

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                outcomes.add(new CheckOutcome(test.getDisplayName(), CheckOutcome.Status.SKIPPED, reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String message = result.getThrowable().map(ConformanceRunner::message).orElse("");
            if (test.isTest()) {
                CheckOutcome.Status status = switch (result.getStatus()) {
                    case SUCCESSFUL -> CheckOutcome.Status.PASSED;
                    case ABORTED -> CheckOutcome.Status.SKIPPED;
                    case FAILED -> result.getThrowable().filter(WrongInputException.class::isInstance).isPresent()
                            ? CheckOutcome.Status.WRONG_INPUT : CheckOutcome.Status.FAILED;
                };
                outcomes.add(new CheckOutcome(test.getDisplayName(), status, message));
            } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                outcomes.add(new CheckOutcome("suite: " + test.getDisplayName(), CheckOutcome.Status.FAILED,
                        message));
            }
        }
    }

    private static String message(Throwable t) {
        if (t instanceof AssertionError || t instanceof org.opentest4j.TestAbortedException
                || t instanceof WrongInputException) {
            return t.getMessage() == null ? t.toString() : t.getMessage();
        }
        return t + " - an unexpected failure inside the check; it usually means a plugin call threw";
    }
}
