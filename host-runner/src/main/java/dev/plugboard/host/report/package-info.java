/**
 * Running reports: {@link dev.plugboard.host.report.ReportParameters} turns {@code --param} and {@code --params}
 * into values checked against the report's parameter schema; {@link dev.plugboard.host.report.ReportRunner} runs the
 * report page by page (refusing a repeated page token) and checks every row with
 * {@link dev.plugboard.host.report.RowCheck} before it reaches a {@code TableWriter}.
 */
package dev.plugboard.host.report;
