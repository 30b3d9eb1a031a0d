package dev.plugboard.host.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ReportDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportParametersDescribeTest {
    @Test
    void aBooleanThatAlsoTakesItsTextFormIsNotListedAsFourValues() {
        ReportDefinition d = new ReportDefinition("events", "Events", "", """
                {"type": "object", "properties": {
                  "full": {"type": ["boolean", "string"], "enum": [true, false, "true", "false"], "default": false,
                           "description": "Whether to fetch each event's full body."},
                  "stat": {"type": "string", "enum": ["accepted", "dropped", "accepted"]}}}""",
                List.of(Column.of("id", ColumnType.STRING)));

        assertThat(ReportParameters.describe(d)).containsExactly(
                "full (boolean, default false): Whether to fetch each event's full body.",
                "stat (string, one of accepted|dropped)");
    }
}
