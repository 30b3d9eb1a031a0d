package dev.plugboard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AccountDeleteConfirmationTest {

    private static boolean answer(String typed, StringWriter shown) {
        return AccountCommand.Delete.confirmed(new BufferedReader(new StringReader(typed)), new PrintWriter(shown),
                "Delete account user:42? Type yes to delete: ");
    }

    @Test
    void onlyYesConfirms() {
        StringWriter shown = new StringWriter();
        assertThat(answer("yes\n", shown)).isTrue();
        assertThat(shown).hasToString("Delete account user:42? Type yes to delete: ");
        assertThat(answer(" Y \n", new StringWriter())).isTrue();
        assertThat(answer("no\n", new StringWriter())).isFalse();
        assertThat(answer("\n", new StringWriter())).isFalse();
        assertThat(answer("yess\n", new StringWriter())).isFalse();
        assertThat(answer("", new StringWriter())).as("end of input").isFalse();
    }

    @Test
    void withoutATerminalNothingIsAskedAndYesIsAccepted() {
        // tests run without a console: the command goes straight to the plugin (here: no such plugin folder)
        CliRun run = CliRun.of("account", "delete", "sentry", "--config", "x.yaml", "--account", "user:42", "--yes",
                "--plugins", "no-such-folder");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("plugboard: the plugins folder no-such-folder does not exist");
    }
}
