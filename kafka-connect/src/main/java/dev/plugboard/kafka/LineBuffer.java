package dev.plugboard.kafka;

import java.io.Writer;

/** A writer that collects what the host's JSON Lines writers write, handing it out one line at a time. */
final class LineBuffer extends Writer {
    private final StringBuilder text = new StringBuilder(1024);

    @Override
    public void write(char[] cbuf, int off, int len) {
        text.append(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
        text.append(str, off, off + len);
    }

    /** @return the next complete line without its line end, or null when none is complete */
    String nextLine() {
        int end = text.indexOf("\n");
        if (end < 0) {
            return null;
        }
        String line = text.substring(0, end);
        text.delete(0, end + 1);
        return line;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
