package dev.plugboard.host.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Holds calls back and answers them all at once, on its own thread, when {@code gate} calls are waiting (or no new
 * call came for a moment): so an engine that can run {@code gate} calls at once is sure to be seen doing it.
 */
final class GatedCompleter implements FakeResourceSync.Completer, AutoCloseable {
    private final int gate;
    private final List<Runnable> parked = new ArrayList<>();
    private final Thread thread;
    private long lastArrival = System.nanoTime();
    private boolean closed;

    GatedCompleter(int gate) {
        this.gate = gate;
        this.thread = new Thread(this::loop, "fake-plugin-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void complete(String call, Runnable answer) {
        parked.add(answer);
        lastArrival = System.nanoTime();
        notifyAll();
    }

    private void loop() {
        while (true) {
            List<Runnable> batch;
            synchronized (this) {
                while (!closed && parked.size() < gate
                        && (parked.isEmpty() || System.nanoTime() - lastArrival < TimeUnit.MILLISECONDS.toNanos(20))) {
                    try {
                        wait(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                batch = new ArrayList<>(parked);
                parked.clear();
            }
            batch.forEach(Runnable::run);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
