package dev.plugboard.host.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportProgressDisplayTest {
    private static final ReportProgressDisplay.Snapshot FIGURES = new ReportProgressDisplay.Snapshot(3400, 3400, 34,
            1, 1, "reading project web-7 (3 of 20)");

    @Test
    void plainLinesCountInWholeWords() {
        assertThat(ReportProgressDisplay.line("project-issues", FIGURES)).isEqualTo("report project-issues: 3400 rows,"
                + " 34 pages, 1 request, 1 retry; reading project web-7 (3 of 20)");
        assertThat(ReportProgressDisplay.line("teams", new ReportProgressDisplay.Snapshot(1, 0, 1, 2, 0, "")))
                .isEqualTo("report teams: 1 row (0 new or changed), 1 page, 2 requests, 0 retries");
    }

    @Test
    void theTerminalLineFitsTheWidthShorteningTheStatusFirst() {
        ProgressLineFits line = w -> ReportProgressDisplay.terminalLine("project-issues", FIGURES).fit(w);

        assertThat(line.at(120)).isEqualTo("report project-issues: 3400 rows, 34 pages | 1 request, 1 retry;"
                + " reading project web-7 (3 of 20)");
        assertThat(line.at(80)).isEqualTo("report project-issues: 3400 rows, 34 pages | 1 request, 1 retry;"
                + " reading…");
        assertThat(line.at(60)).isEqualTo("report project-issues: 3400 rows, 34 pages | 1 request");
        assertThat(line.at(40)).isEqualTo("report project-issues: 3400 rows, 34…");
    }

    private interface ProgressLineFits {
        String at(int columns);
    }
}
