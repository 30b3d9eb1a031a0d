/**
 * The Sentry connector's sixteen reports: the table of reports ({@link dev.plugboard.sentry.reports.Catalog}, each
 * a {@link dev.plugboard.sentry.reports.ReportSpec}), their parameters, date windows, page tokens and row shapes,
 * and the runner ({@link dev.plugboard.sentry.reports.SentryReports}) that pages through them over
 * {@link dev.plugboard.sentry.http.SentryApi}.
 */
package dev.plugboard.sentry.reports;
