package dev.plugboard.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example of {@code docs/kafka-connect.md}: the connector JSON and the curl commands, each block marked
 * {@code <!-- kafka-connect-example: NAME -->} on the line before its fence.
 *
 * @param connectorJson the connector configuration file's text
 * @param commands      the curl commands, in order
 */
record DocExample(String connectorJson, List<Curl> commands) {
    private static final Pattern URL = Pattern.compile("'?(http://localhost:8083[^' ]*)'?");
    private static final Pattern METHOD = Pattern.compile("-X (\\w+)");

    /**
     * One curl command.
     *
     * @param line     the command as written
     * @param method   its HTTP method
     * @param path     the URL's path and query
     * @param sendsBody whether it sends the connector file ({@code --data @FILE})
     */
    record Curl(String line, String method, String path, boolean sendsBody) {
    }

    static DocExample read(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        String json = String.join("\n", block(lines, "connector"));
        List<Curl> commands = new ArrayList<>();
        for (String line : block(lines, "rest")) {
            Matcher url = URL.matcher(line);
            if (!line.startsWith("curl ") || !url.find()) {
                throw new IllegalArgumentException("not a curl command against http://localhost:8083: " + line);
            }
            Matcher method = METHOD.matcher(line);
            commands.add(new Curl(line, method.find() ? method.group(1) : "GET",
                    url.group(1).substring("http://localhost:8083".length()), line.contains("--data @")));
        }
        return new DocExample(json, commands);
    }

    private static List<String> block(List<String> lines, String name) {
        int marker = lines.indexOf("<!-- kafka-connect-example: " + name + " -->");
        if (marker < 0 || !lines.get(marker + 1).startsWith("```")) {
            throw new IllegalArgumentException("docs/kafka-connect.md has no block marked '" + name + "'");
        }
        int end = marker + 2;
        while (!lines.get(end).startsWith("```")) {
            end++;
        }
        return lines.subList(marker + 2, end);
    }
}
