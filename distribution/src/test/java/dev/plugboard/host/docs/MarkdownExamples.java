package dev.plugboard.host.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code plugboard} commands a Markdown document shows, in document order, so that a test can run them.
 *
 * <ul>
 *   <li>In a {@code bash}, {@code sh} or {@code shell} block: every line that starts with {@code plugboard } (or
 *       {@code $ plugboard }).</li>
 *   <li>In a block with no language or {@code console}/{@code text}: every line that starts with
 *       {@code $ plugboard } (the lines after it are the output shown).</li>
 *   <li>A line ending in {@code \} continues on the next.</li>
 *   <li>A command is expected to exit 0, or N when it carries a comment {@code # exit N} (or {@code # exits N}).</li>
 *   <li>{@code <!-- example: no-run -->} on the line before a block's fence leaves the block out;
 *       {@code <!-- example: exit N -->} expects N from every command of the block without its own.</li>
 * </ul>
 */
final class MarkdownExamples {
    private static final Pattern FENCE = Pattern.compile("^\\s*(```+|~~~+)\\s*([\\w-]*).*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*example:\\s*(no-run|exit\\s+(\\d+))\\b.*-->\\s*$");
    private static final Pattern EXIT = Pattern.compile("#.*\\bexits?\\s+(\\d+)\\b");

    private MarkdownExamples() {
    }

    /**
     * @param line         where the command starts (1-based)
     * @param command      the command as written, continuations joined
     * @param expectedExit the exit status it must end with
     */
    record Example(int line, String command, int expectedExit) {
        @Override
        public String toString() {
            return "line " + line + ": " + command;
        }
    }

    static List<Example> extract(String markdown) {
        List<Example> examples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        Optional<String> fence = Optional.empty();
        String language = "";
        boolean skip = false;
        OptionalInt blockExit = OptionalInt.empty();
        String lastTextLine = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher f = FENCE.matcher(line);
            if (fence.isEmpty()) {
                if (f.matches()) {
                    fence = Optional.of(f.group(1));
                    language = f.group(2).toLowerCase(java.util.Locale.ROOT);
                    Matcher m = MARKER.matcher(lastTextLine);
                    skip = m.matches() && m.group(1).equals("no-run");
                    blockExit = m.matches() && m.group(2) != null
                            ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
                } else if (!line.isBlank()) {
                    lastTextLine = line;
                }
                continue;
            }
            if (f.matches() && line.trim().startsWith(fence.get()) && f.group(2).isEmpty()) {
                fence = Optional.empty();
                lastTextLine = "";
                continue;
            }
            if (skip) {
                continue;
            }
            String text = line.strip();
            boolean shell = language.equals("bash") || language.equals("sh") || language.equals("shell");
            boolean transcript = language.isEmpty() || language.equals("console") || language.equals("text");
            String command;
            if (text.startsWith("$ plugboard ") && (shell || transcript)) {
                command = text.substring(2);
            } else if (shell && text.startsWith("plugboard ")) {
                command = text;
            } else {
                continue;
            }
            int start = i + 1;
            while (command.endsWith("\\") && i + 1 < lines.length) {
                command = command.substring(0, command.length() - 1).stripTrailing() + " " + lines[++i].strip();
            }
            Matcher exit = EXIT.matcher(command);
            int expected = exit.find() ? Integer.parseInt(exit.group(1)) : blockExit.orElse(0);
            examples.add(new Example(start, command, expected));
        }
        return examples;
    }
}
