package dev.plugboard.conformance;

import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/** Problems found by one check, reported together so an author sees all of them at once. */
final class Problems {
    private static final int SHOWN = 25;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String problem) {
        problems.add(problem);
    }

    void addAll(List<String> more) {
        more.stream().filter(p -> !problems.contains(p)).forEach(problems::add);
    }

    /** Adds a line shown under the problems when there are any, not counted as one. */
    void note(String note) {
        notes.add(note);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> list() {
        return List.copyOf(problems);
    }

    /**
     * Fails when there is any problem.
     *
     * @param heading what the problems break and what to do, e.g. "ids must be unique within their type"
     */
    void failIfAny(String heading) {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(heading).append(" (").append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        problems.stream().limit(SHOWN).forEach(p -> message.append("\n  - ").append(p));
        if (problems.size() > SHOWN) {
            message.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
        }
        notes.forEach(n -> message.append("\n").append(n));
        throw new AssertionFailedError(message.toString());
    }

    static String shorten(String text, int max) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
