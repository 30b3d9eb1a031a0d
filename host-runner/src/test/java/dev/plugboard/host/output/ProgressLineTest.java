package dev.plugboard.host.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final ProgressLine LINE = new ProgressLine("sync 45%: 1200 of about 2650 records",
            List.of(", 310 records/s", " | 8 in flight", ", 40 calls", ", 340 requests", ", 1 retry",
                    "; listing members of team web-7"));

    @Test
    void aWideTerminalShowsEverything() {
        assertThat(LINE.fit(200)).isEqualTo("sync 45%: 1200 of about 2650 records, 310 records/s | 8 in flight,"
                + " 40 calls, 340 requests, 1 retry; listing members of team web-7");
    }

    @Test
    void aNarrowerTerminalShortensTheStatusAtAWordThenDropsWholeDetailsFromTheEnd() {
        assertThat(LINE.fit(120)).isEqualTo("sync 45%: 1200 of about 2650 records, 310 records/s | 8 in flight,"
                + " 40 calls, 340 requests, 1 retry; listing members…");
        assertThat(LINE.fit(100)).isEqualTo("sync 45%: 1200 of about 2650 records, 310 records/s | 8 in flight,"
                + " 40 calls, 340 requests, 1 retry");
        assertThat(LINE.fit(80)).isEqualTo("sync 45%: 1200 of about 2650 records, 310 records/s | 8 in flight,"
                + " 40 calls");
        assertThat(LINE.fit(60)).isEqualTo("sync 45%: 1200 of about 2650 records, 310 records/s");
        assertThat(LINE.fit(40)).isEqualTo("sync 45%: 1200 of about 2650 records");
        assertThat(LINE.fit(20)).isEqualTo("sync 45%: 1200 of…");
        assertThat(LINE.fit(2)).isEqualTo("…");
        // never as wide as the terminal: a character in the last column moves the cursor to the next line
        assertThat(List.of(200, 130, 129, 120, 80, 60, 40, 37, 36, 20, 2, 1)).allSatisfy(w -> assertThat(
                LINE.fit(w).length()).isLessThan(Math.max(2, w)));
    }

    @Test
    void aPercentNeedsATotalAndNeverShowsAHundredBeforeTheEnd() {
        assertThat(ProgressLine.percent(1200, OptionalLong.of(2650))).hasValue(45);
        assertThat(ProgressLine.percent(2649, OptionalLong.of(2650))).hasValue(99);
        assertThat(ProgressLine.percent(2650, OptionalLong.of(2650))).hasValue(100);
        assertThat(ProgressLine.percent(2700, OptionalLong.of(2650))).isEmpty();
        assertThat(ProgressLine.percent(10, OptionalLong.empty())).isEmpty();
        assertThat(ProgressLine.percent(0, OptionalLong.of(0))).isEmpty();
    }

    @Test
    void aRedrawnLineOverwritesTheLongerOneBeforeItAndClearsToAnEmptyLine() {
        StringWriter text = new StringWriter();
        ProgressLine.Redraw redraw = new ProgressLine.Redraw(new PrintWriter(text), 40);

        redraw.show(new ProgressLine("sync: 10 records", List.of(" | 2 in flight")));
        redraw.show(new ProgressLine("sync: 12 records", List.of()));
        redraw.clear();

        assertThat(text.toString()).isEqualTo("\rsync: 10 records | 2 in flight\rsync: 12 records              "
                + "\r                \r");
    }

    @Test
    void theTerminalIsWhatTheLauncherSaysWithCOLUMNSFirst() {
        Map<String, String> launched = Map.of(Terminal.TERMINAL_PROPERTY, "true", Terminal.COLUMNS_PROPERTY, "132");
        Map<String, String> piped = Map.of(Terminal.TERMINAL_PROPERTY, "false");

        assertThat(Terminal.of(n -> Optional.empty(), n -> Optional.ofNullable(launched.get(n)), false))
                .isEqualTo(new Terminal(true, 132));
        assertThat(Terminal.of(n -> Optional.of("100").filter(v -> n.equals("COLUMNS")),
                n -> Optional.ofNullable(launched.get(n)), false)).isEqualTo(new Terminal(true, 100));
        assertThat(Terminal.of(n -> Optional.empty(), n -> Optional.ofNullable(piped.get(n)), true))
                .isEqualTo(new Terminal(false, 80));
        assertThat(Terminal.of(n -> Optional.of("wide"), n -> Optional.empty(), true))
                .isEqualTo(new Terminal(true, 80));
    }
}
