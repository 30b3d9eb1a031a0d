package dev.plugboard.host.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.docs.MarkdownExamples.Example;
import org.junit.jupiter.api.Test;

class MarkdownExamplesTest {

    @Test
    void findsTheCommandsOfShellBlocksAndTranscriptsInOrder() {
        String md = """
                # Title

                plugboard in prose is not a command.

                ```bash
                alias plugboard=scripts/plugboard
                plugboard --plugins sentry-plugin/target plugins     # what is installed
                plugboard validate sentry --config sentry.yaml # exits 3 when invalid
                ```

                ```
                $ plugboard report sentry projects --config sentry.yaml \\
                    --out projects.csv
                wrote 3 rows
                $ head -n 2 projects.csv
                ```

                ```json
                {"plugboard ": 1}
                ```

                <!-- example: no-run -->
                ```bash
                plugboard sync sentry --config production.yaml
                ```

                <!-- example: exit 2 -->
                ```console
                $ plugboard nope
                $ plugboard spec sentry   # exit 0
                ```
                """;
        assertThat(MarkdownExamples.extract(md)).containsExactly(
                new Example(7, "plugboard --plugins sentry-plugin/target plugins     # what is installed", 0),
                new Example(8, "plugboard validate sentry --config sentry.yaml # exits 3 when invalid", 3),
                new Example(12, "plugboard report sentry projects --config sentry.yaml --out projects.csv", 0),
                new Example(29, "plugboard nope", 2),
                new Example(30, "plugboard spec sentry   # exit 0", 0));
    }

    @Test
    void aFenceOfFourBackticksHoldsThreeAndTildesWork() {
        String md = """
                ````markdown
                ```bash
                plugboard not-a-real-example
                ```
                ````
                ~~~sh
                plugboard plugins
                ~~~
                """;
        assertThat(MarkdownExamples.extract(md)).containsExactly(new Example(7, "plugboard plugins", 0));
    }
}
