package dev.plugboard.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The standalone jar's client commands for a running simulator, so scripts need nothing but Java:
 * {@code churn --url URL --percent P [--seed N]} and {@code grow --url URL [--events N] [--issues N]
 * [--feedback N] [--late N --late-before INSTANT] [--seed N] [--project P]...}. Each prints the JSON answer.
 */
final class ControlClient {
    /** The usage text of the client commands. */
    static final String USAGE = "usage: java -jar sentry-simulator.jar churn --url URL --percent P [--seed N]\n"
            + "       java -jar sentry-simulator.jar grow --url URL [--events N] [--issues N] [--feedback N] "
            + "[--late N --late-before INSTANT] [--seed N] [--project ID_OR_SLUG]...";

    private static final Map<String, String> CHURN = Map.of("--percent", "percent", "--seed", "seed");
    private static final Map<String, String> GROW = Map.of("--events", "events", "--issues", "issues",
            "--feedback", "feedback", "--late", "late", "--late-before", "lateBefore", "--seed", "seed",
            "--project", "project");

    private ControlClient() {
    }

    /** Whether the arguments name a client command. */
    static boolean isCommand(String[] args) {
        return args.length > 0 && (args[0].equals("churn") || args[0].equals("grow"));
    }

    /** The request a command line makes: {@code POST URL/__simulator/<command>?query}. */
    static URI uri(String[] args) {
        String command = args[0];
        Map<String, String> names = command.equals("churn") ? CHURN : GROW;
        String url = null;
        StringBuilder query = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new Main.UsageException(a + " needs a value");
            }
            String v = args[++i];
            if (a.equals("--url")) {
                url = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            } else if (names.containsKey(a)) {
                query.append(query.length() == 0 ? "?" : "&").append(names.get(a)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            } else {
                throw new Main.UsageException("unknown argument of " + command + ": " + a);
            }
        }
        if (url == null) {
            throw new Main.UsageException(command + " needs --url (the simulator's baseUrl)");
        }
        if (command.equals("churn") && !query.toString().contains("percent=")) {
            throw new Main.UsageException("churn needs --percent");
        }
        return URI.create(url + "/__simulator/" + command + query);
    }

    /** Runs a client command: 0 when the simulator answered 200, 1 otherwise, 2 on a usage error. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        URI uri;
        try {
            uri = uri(args);
        } catch (Main.UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.println("error: the simulator answered " + r.statusCode() + ": " + r.body());
                return 1;
            }
            out.println(r.body());
            return 0;
        } catch (IOException e) {
            err.println("error: cannot reach the simulator at " + uri.getScheme() + "://" + uri.getAuthority()
                    + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
