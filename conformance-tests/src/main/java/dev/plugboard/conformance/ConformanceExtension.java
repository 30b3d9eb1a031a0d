package dev.plugboard.conformance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Gives every check its {@link SuiteRun} (one per test class, kept in the class's extension store, so no static
 * state) and replaces secret values in a failed check's message, so the suite never prints what it caught.
 */
final class ConformanceExtension implements ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ConformanceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SuiteRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return run(context);
    }

    private static SuiteRun run(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ConformanceChecks checks = (ConformanceChecks) context.getRequiredTestInstance();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(SuiteRun.class, k -> new SuiteRun(checks),
                SuiteRun.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (!(context.getTestInstance().orElse(null) instanceof ConformanceChecks) || throwable.getMessage() == null) {
            throw throwable;
        }
        String original = throwable instanceof AssertionError || throwable instanceof TestAbortedException
                ? throwable.getMessage() : throwable.toString();
        String message = original;
        for (String secret : run(context).knownSecrets()) {
            message = message.replace(secret, "****");
        }
        if (message.equals(original)) {
            throw throwable;
        }
        if (throwable instanceof TestAbortedException) {
            throw new TestAbortedException(message);
        }
        throw new AssertionFailedError(message);
    }
}
