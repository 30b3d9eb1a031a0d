package dev.plugboard.conformance;

import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * One run of the conformance checks on one test instance: the {@link ConformanceSession}, created from the
 * instance's {@link ConformanceChecks#fixture()} on first use and closed when the test class is done (JUnit closes
 * it with the class's extension store). Every check receives it as a parameter.
 */
final class SuiteRun implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final ConformanceChecks checks;
    private ConformanceSession session;
    private String setupFailure;

    SuiteRun(ConformanceChecks checks) {
        this.checks = checks;
    }

    /** @return the session; fails the current check when the fixture could not be set up */
    synchronized ConformanceSession session() {
        if (setupFailure != null) {
            throw new AssertionFailedError(setupFailure);
        }
        if (session == null) {
            ConformanceFixture f;
            try {
                f = checks.fixture();
            } catch (Exception | AssertionError e) {
                setupFailure = "the conformance fixture could not be set up: " + e;
                throw new AssertionFailedError(setupFailure, e);
            }
            if (f == null) {
                setupFailure = "fixture() returned null: return a ConformanceFixture";
                throw new AssertionFailedError(setupFailure);
            }
            session = new ConformanceSession(f);
        }
        return session;
    }

    /** @return the secrets known so far, for masking failure messages */
    synchronized Set<String> knownSecrets() {
        if (session == null) {
            return Set.of();
        }
        try {
            return session.secrets();
        } catch (RuntimeException | AssertionError e) {
            return session.fixture().secrets();
        }
    }

    /** Closes the plugin's class loader and removes the run's plugins folder. */
    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
