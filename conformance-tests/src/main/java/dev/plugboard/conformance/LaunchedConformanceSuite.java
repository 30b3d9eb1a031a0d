package dev.plugboard.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The suite as {@link ConformanceRunner} launches it: the fixture arrives as a launcher configuration parameter
 * (the JUnit Platform's way to pass values into a run without static state).
 */
@ExtendWith(LaunchedConformanceSuite.FixtureParameter.class)
final class LaunchedConformanceSuite extends ConnectorConformanceSuite {
    /** The configuration parameter holding the fixture, encoded by {@link FixtureCodec}. */
    static final String FIXTURE_PARAMETER = "plugboard.conformance.fixture";

    private ConformanceFixture fixture;

    @BeforeAll
    void receiveFixture(ConformanceFixture given) {
        this.fixture = given;
    }

    @Override
    public ConformanceFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("run this class through ConformanceRunner, which passes the fixture");
        }
        return fixture;
    }

    /** Resolves the fixture from the launcher's configuration parameter. */
    static final class FixtureParameter implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ConformanceFixture.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getConfigurationParameter(FIXTURE_PARAMETER).map(FixtureCodec::decode)
                    .orElseThrow(() -> new ParameterResolutionException("no configuration parameter "
                            + FIXTURE_PARAMETER + ": run this class through ConformanceRunner"));
        }
    }
}
