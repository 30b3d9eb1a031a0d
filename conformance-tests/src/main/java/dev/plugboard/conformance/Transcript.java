package dev.plugboard.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything a plugin said during a conformance run (findings, error messages, resources, rows, log lines, page
 * tokens), kept to look for secrets in it. Thread-safe: a plugin may log from its own threads.
 */
final class Transcript {
    /** One thing the plugin said: where it came from, and the text. */
    record Entry(String source, String text) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Records a value's text ({@code String.valueOf}); records print every component. */
    synchronized void add(String source, Object value) {
        entries.add(new Entry(source, String.valueOf(value)));
    }

    /** Records an exception with every cause: class, message, and the text of each. */
    void addFailure(String source, Throwable failure) {
        Throwable t = failure;
        int depth = 0;
        while (t != null && depth++ < 20) {
            add(source, t.toString());
            t = t.getCause();
        }
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * @param secrets secret values
     * @return one line per entry holding a secret, naming the source and the secret's position, never the secret
     */
    List<String> leaks(Set<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (Entry e : entries()) {
            for (String secret : secrets) {
                int at = e.text().indexOf(secret);
                if (at >= 0) {
                    leaks.add(e.source() + " contains the value of a secret (" + secret.length()
                            + " characters, at offset " + at + "): "
                            + Problems.shorten(e.text().replace(secret, "<SECRET>"), 160));
                }
            }
        }
        return leaks;
    }
}
