package dev.plugboard.host.plugin;

import java.util.function.Supplier;

/**
 * Runs code with the thread context class loader set to a plugin's loader and restores it after, so libraries in
 * the plugin that look up classes through the context loader (ServiceLoader, Jackson modules, Netty) find the
 * plugin's classes, never the host's.
 */
final class ContextClassLoader {
    private ContextClassLoader() {
    }

    static <T> T with(ClassLoader loader, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void run(ClassLoader loader, Runnable call) {
        with(loader, () -> {
            call.run();
            return null;
        });
    }
}
