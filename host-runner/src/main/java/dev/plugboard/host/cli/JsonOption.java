package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --json}: the command prints one JSON document instead of text, for scripts. */
public final class JsonOption {
    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    /** @return whether {@code --json} was given */
    public boolean enabled() {
        return json;
    }

    /**
     * The one way commands print JSON: indented, then a newline.
     *
     * @param out      where to print
     * @param document what to print
     */
    public static void print(PrintWriter out, JsonNode document) {
        out.println(Json.pretty(document));
    }
}
