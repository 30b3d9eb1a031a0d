package dev.plugboard.sentry.reports;

import java.util.Objects;
import java.util.Optional;

/**
 * What one page of a report is asked with: the organization, the parameters and the date window (fixed on the
 * first page and carried in the page token, so every page of a run reads the same window).
 *
 * @param organization the organization slug
 * @param params       the parameters
 * @param window       the date window, for reports that take one
 */
record Inputs(String organization, ReportParams params, Optional<DateWindow> window) {

    Inputs {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(window, "window");
    }

    /** @return the window; only for reports that take one */
    DateWindow requireWindow() {
        return window.orElseThrow(() -> new IllegalStateException("this report takes no date window"));
    }
}
