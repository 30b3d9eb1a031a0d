package dev.plugboard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a person reads first: the command list and each command's help. */
class HelpTest {

    @Test
    void helpShowsANestedSubcommand() {
        CliRun run = CliRun.of("help", "account", "create");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: plugboard account create ").contains("--set");
        assertThat(CliRun.of("help", "account").out()).startsWith("Usage: plugboard account ");
        assertThat(CliRun.of("help").out()).startsWith("Usage: plugboard ");
    }

    @Test
    void aMistypedOptionGetsOneMessageAndASuggestionNotTheWholeUsage() {
        CliRun run = CliRun.of("sync", "sentry", "--typs=user");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("plugboard: Unknown option: '--typs=user'\nPossible solutions: --types\n"
                + "See 'plugboard sync --help' for its options.\n");
    }

    @Test
    void helpOfAnUnknownCommandNamesTheCommandsThereAre() {
        CliRun run = CliRun.of("help", "account", "frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("plugboard: 'frobnicate' is not a command of 'plugboard account'; its commands"
                + " are: create, delete\n");
    }

    @Test
    void everyCommandsSummaryIsAWholeSentence() {
        CommandLine cli = new CommandLine(new PlugboardCommand());
        assertSentences(cli);
    }

    private static void assertSentences(CommandLine cli) {
        String[] description = cli.getCommandSpec().usageMessage().description();
        assertThat(description).as(cli.getCommandName()).isNotEmpty();
        assertThat(description[0]).as("the summary of " + cli.getCommandSpec().qualifiedName())
                .matches("[A-Z].*[.]");
        cli.getSubcommands().values().forEach(HelpTest::assertSentences);
    }

    @Test
    void withJsonAFailureIsAJsonObjectOnStdoutToo() throws Exception {
        CliRun run = CliRun.of("plugins", "--json", "--plugins", "no-such-folder");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("plugboard: the plugins folder no-such-folder does not exist");
        com.fasterxml.jackson.databind.JsonNode error = dev.plugboard.host.json.Json.read(run.out()).path("error");
        assertThat(error.path("exitCode").asInt()).isEqualTo(2);
        assertThat(error.path("message").asText()).isEqualTo(run.err().substring("plugboard: ".length()).strip());
        assertThat(CliRun.of("plugins", "--plugins", "no-such-folder").out()).as("without --json").isEmpty();
    }
}
