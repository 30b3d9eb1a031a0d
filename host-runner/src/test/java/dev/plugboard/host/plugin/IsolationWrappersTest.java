package dev.plugboard.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.spi.Connector;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.ResourceSync;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The host's isolation wrappers (every plugin call under the plugin's class loader, throws and nulls turned into
 * clear failures) forward every method of the SPI interfaces they wrap, default methods included: a default method
 * added to the SPI and not forwarded would silently run the SPI's default instead of the plugin's override (the
 * check Trino's {@code assertAllMethodsOverridden} makes of its class-loader-safe wrappers).
 */
class IsolationWrappersTest {

    @Test
    void theWrapperOfEachSpiInterfaceDeclaresEveryOneOfItsMethods() {
        for (Class<?> spi : List.of(Connector.class, ResourceSync.class, Provisioning.class, Reports.class)) {
            assertForwardsEverything(spi);
        }
    }

    private static void assertForwardsEverything(Class<?> spi) {
        List<Class<?>> wrappers = Stream.concat(Stream.of(IsolatedConnector.class),
                        Arrays.stream(IsolatedConnector.class.getDeclaredClasses()))
                .filter(spi::isAssignableFrom)
                .toList();
        assertThat(wrappers).as("the isolation wrapper of " + spi.getSimpleName()).hasSize(1);
        Class<?> wrapper = wrappers.get(0);

        List<String> notForwarded = new ArrayList<>();
        for (Method method : spi.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                Method declared = wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (!method.getReturnType().isAssignableFrom(declared.getReturnType())) {
                    notForwarded.add(method + " (returns " + declared.getReturnType().getName() + ")");
                }
            } catch (NoSuchMethodException e) {
                notForwarded.add(method.toString());
            }
        }
        assertThat(notForwarded).as(wrapper.getName() + " must override, and forward to the plugin, every method"
                + " of " + spi.getName()).isEmpty();
    }
}
