package dev.plugboard.host.cli;

/** Makes text from users or remote systems safe to print on a terminal: no control characters (escape sequences). */
final class Terminal {
    private Terminal() {
    }

    /**
     * @param text any text
     * @return the text with each control character (newline, tab, escape, ...) written as {@code \\uXXXX}
     */
    static String safe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
