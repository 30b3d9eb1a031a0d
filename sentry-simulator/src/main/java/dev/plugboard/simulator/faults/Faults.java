package dev.plugboard.simulator.faults;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The active fault rules of a simulator. The first active rule matching a path applies. Thread-safe. */
public final class Faults {
    private final List<Active> rules = new CopyOnWriteArrayList<>();

    private record Active(FaultRule rule, AtomicInteger remaining) {
    }

    /** Adds a rule; returns this for chaining. */
    public Faults add(FaultRule rule) {
        rules.add(new Active(rule, new AtomicInteger(rule.times().orElse(Integer.MAX_VALUE))));
        return this;
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    /** The rules still active. */
    public List<FaultRule> active() {
        return rules.stream().filter(a -> a.remaining.get() > 0).map(Active::rule).toList();
    }

    /** Takes the fault for a request path, using up one of its times. */
    public Optional<FaultRule> take(String path) {
        for (Active a : rules) {
            if (a.rule.path().matcher(path).find()) {
                int left = a.remaining.getAndUpdate(n -> n > 0 ? (n == Integer.MAX_VALUE ? n : n - 1) : 0);
                if (left > 0) {
                    return Optional.of(a.rule);
                }
            }
        }
        rules.removeIf(a -> a.remaining.get() <= 0);
        return Optional.empty();
    }
}
