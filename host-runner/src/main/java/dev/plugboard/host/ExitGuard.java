package dev.plugboard.host;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes every way the process can end say what happened, for the {@code plugboard} executable:
 * <ul>
 *   <li>SIGINT (Ctrl-C) and SIGTERM both mean "interrupted": the JVM shuts down with exit status 130, and the
 *   command's own shutdown work (a sync's checkpoint, and its message on how to resume) runs first;</li>
 *   <li>an {@link Error} that no thread catches (an {@code OutOfMemoryError} on a plugin's thread) ends the command
 *   at once with a message and exit status 1, instead of leaving it waiting for an answer that will never come;</li>
 *   <li>a shutdown nobody on the host side asked for (a plugin calling {@code System.exit}, which Java 17 cannot stop
 *   without a security manager) prints that the command ended without its result and exits with status 1, never
 *   with the plugin's status (a plugin's {@code System.exit(0)} would otherwise look like success).</li>
 * </ul>
 */
final class ExitGuard {
    /** The exit status when the command ended without its result (a plugin's System.exit, an uncaught Error). */
    static final int ENDED_WITHOUT_RESULT = 1;
    /** The exit status of an interrupted command (SIGINT or SIGTERM). */
    static final int INTERRUPTED = 130;
    /** How long an interrupted command gets to stop cleanly and say so. */
    static final int SIGNAL_GRACE_SECONDS = 10;

    private enum State { RUNNING, FINISHED, SIGNALLED, FAILED }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final PrintWriter err;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    private ExitGuard(PrintWriter err) {
        this.err = err;
    }

    /**
     * Installs the guard: a shutdown hook, handlers for SIGINT and SIGTERM (where the JVM allows), and the default
     * handler of uncaught Errors.
     *
     * @param err where messages go
     * @return the guard; call {@link #finished()} when the command has its result
     */
    static ExitGuard install(PrintWriter err) {
        ExitGuard guard = new ExitGuard(err);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> guard.interrupted());
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                // the signal is reserved or unknown here (e.g. -Xrs): the JVM's own handling stays
            }
        }
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> guard.uncaught(thread, failure));
        Thread hook = new Thread(guard::shuttingDown, "plugboard-exit-guard");
        Runtime.getRuntime().addShutdownHook(hook);
        return guard;
    }

    /** The command has its result: the exit that follows is the host's own. */
    void finished() {
        // a command that ends because the process is already exiting (a plugin's System.exit cancelled it) has not
        // finished on its own: the shutdown hook reports it
        if (!exiting()) {
            state.compareAndSet(State.RUNNING, State.FINISHED);
        }
        done.countDown();
    }

    /** @return whether the JVM has begun to shut down */
    private static boolean exiting() {
        Thread probe = new Thread(() -> { }, "plugboard-exit-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    private void interrupted() {
        if (state.compareAndSet(State.RUNNING, State.SIGNALLED)) {
            // runs the shutdown hooks: a running sync cancels, saves its checkpoint and says how to resume
            new Thread(() -> System.exit(INTERRUPTED), "plugboard-interrupted").start();
        }
    }

    private void uncaught(Thread thread, Throwable failure) {
        if (!(failure instanceof Error)) {
            // an exception that ended one thread: reported, but the command's result is still to come
            synchronized (err) {
                err.println("plugboard: thread '" + thread.getName() + "' ended with " + failure);
                err.flush();
            }
            return;
        }
        if (state.compareAndSet(State.RUNNING, State.FAILED)) {
            synchronized (err) {
                err.println("plugboard: the command ended without its result: thread '" + thread.getName()
                        + "' failed with " + failure + (thread.getName().startsWith("plugboard-") ? ""
                        : " (a thread of a plugin: a bug in the plugin, or a heap too small for it; raise it with"
                                + " PLUGBOARD_JAVA_OPTS=-Xmx...)"));
                err.flush();
            }
            Runtime.getRuntime().halt(ENDED_WITHOUT_RESULT);
        }
    }

    private void shuttingDown() {
        if (state.get() == State.SIGNALLED) {
            // let the interrupted command end and print its message (a sync: how to resume) before the JVM stops
            try {
                done.await(SIGNAL_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (state.compareAndSet(State.RUNNING, State.FAILED)) {
            synchronized (err) {
                err.println("plugboard: the command ended without its result: something in the process (a plugin?)"
                        + " called System.exit before the command finished; exit status "
                        + ENDED_WITHOUT_RESULT + ", whatever status it asked for");
                err.flush();
            }
            Runtime.getRuntime().halt(ENDED_WITHOUT_RESULT);
        }
    }
}
