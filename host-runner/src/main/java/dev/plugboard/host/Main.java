package dev.plugboard.host;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code plugboard} executable: {@code java -jar plugboard.jar ...}. */
public final class Main {
    private Main() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        ExitGuard guard = ExitGuard.install(err);
        int status = dev.plugboard.host.cli.Cli.run(args, out, err);
        guard.finished();
        System.exit(status);
    }
}
