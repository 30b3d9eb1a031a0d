package dev.plugboard.sentry.reports;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every form of the date window, and every error, against a pinned now. */
class DateWindowTest {
    private static final Instant NOW = Instant.parse("2026-03-15T10:30:00Z");

    private static DateWindow window(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return DateWindow.from(new ReportParams(m), NOW);
    }

    private static DateWindow w(String start, String end) {
        return new DateWindow(Instant.parse(start), Instant.parse(end));
    }

    private static void fails(String param, String fragment, Object... kv) {
        ConnectorException e = assertThrows(ConnectorException.class, () -> window(kv));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("'" + param + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void noParameterIsTheLastFourteenDays() {
        assertEquals(w("2026-03-01T10:30:00Z", "2026-03-15T10:30:00Z"), window());
    }

    @Test
    void aDateIsOneUtcDayAndTodayEndsNow() {
        assertEquals(w("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"), window("date", "2026-03-10"));
        assertEquals(w("2026-03-15T00:00:00Z", "2026-03-15T10:30:00Z"), window("date", "2026-03-15"));
        assertEquals(w("2025-12-16T00:00:00Z", "2025-12-17T00:00:00Z"), window("date", "2025-12-16"));
    }

    @Test
    void daysBackIsTheLastNTimes24Hours() {
        assertEquals(w("2026-03-08T10:30:00Z", "2026-03-15T10:30:00Z"), window("daysBack", 7));
        assertEquals(w("2026-03-08T10:30:00Z", "2026-03-15T10:30:00Z"), window("daysBack", "7"));
        assertEquals(w("2025-12-15T10:30:00Z", "2026-03-15T10:30:00Z"), window("daysBack", 90L));
    }

    @Test
    void aRangeOfDatesIncludesTheEndDay() {
        assertEquals(w("2026-03-01T00:00:00Z", "2026-03-06T00:00:00Z"),
                window("start", "2026-03-01", "end", "2026-03-05"));
        assertEquals(w("2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z"),
                window("start", "2026-03-05", "end", "2026-03-05"));
        assertEquals(w("2026-03-14T00:00:00Z", "2026-03-15T10:30:00Z"),
                window("start", "2026-03-14", "end", "2026-03-20"));
    }

    @Test
    void aRangeOfDaysBack() {
        assertEquals(w("2026-03-05T10:30:00Z", "2026-03-10T10:30:00Z"), window("start", 10, "end", 5));
        assertEquals(w("2026-03-05T10:30:00Z", "2026-03-15T10:30:00Z"), window("start", "10", "end", "0"));
    }

    @Test
    void aRangeMixingADateAndDaysBack() {
        assertEquals(w("2026-03-01T00:00:00Z", "2026-03-12T10:30:00Z"), window("start", "2026-03-01", "end", 3));
        assertEquals(w("2026-03-05T10:30:00Z", "2026-03-13T00:00:00Z"), window("start", 10, "end", "2026-03-12"));
    }

    @Test
    void retentionBoundary() {
        // the first day of retention is accepted, from exactly 90 days back
        assertEquals(w("2025-12-15T10:30:00Z", "2025-12-16T00:00:00Z"), window("date", "2025-12-15"));
        assertEquals(w("2025-12-15T10:30:00Z", "2025-12-20T00:00:00Z"),
                window("start", "2025-12-15", "end", "2025-12-19"));
        fails("date", "90-day retention", "date", "2025-12-14");
        fails("start", "90-day retention", "start", "2025-12-01", "end", "2026-01-01");
        fails("daysBack", "90-day retention", "daysBack", 91);
        fails("start", "90-day retention", "start", 120, "end", 1);
        fails("end", "90-day retention", "start", 10, "end", 95);
    }

    @Test
    void errorsNameTheParameter() {
        fails("end", "before it starts", "start", 5, "end", 10);
        fails("end", "before it starts", "start", "2026-03-10", "end", "2026-03-09");
        fails("date", "not a valid date", "date", "2026-02-30");
        fails("date", "YYYY-MM-DD", "date", "15/03/2026");
        fails("start", "not a valid date", "start", "2026-13-01", "end", 0);
        fails("end", "days back", "start", 3, "end", "yesterday");
        fails("date", "in the future", "date", "2026-03-16");
        fails("start", "not in the past", "start", "2026-03-20", "end", "2026-03-25");
        fails("start", "not in the past", "start", 0, "end", 0);
        fails("daysBack", "at least 1", "daysBack", 0);
        fails("daysBack", "cannot be negative", "daysBack", -3);
        fails("daysBack", "days back", "daysBack", 1.5);
        fails("end", "go together", "start", 5);
        fails("start", "go together", "end", 5);
    }

    @Test
    void onlyOneFormAtATime() {
        for (Object[] kv : new Object[][]{{"date", "2026-03-10", "daysBack", 3}, {"daysBack", 3, "start", 5, "end", 1},
                {"date", "2026-03-10", "start", 5, "end", 1}}) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> window(kv));
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertTrue(e.getMessage().contains("give only one of them"), e.getMessage());
        }
    }
}
