/**
 * Where commands write: {@link dev.plugboard.host.output.AtomicFileOutput} (a file that appears only when complete,
 * and can be resumed from a recorded position), {@link dev.plugboard.host.output.OutputLock} (one run at a time per
 * output file), {@link dev.plugboard.host.output.OutputTarget} (standard output or such a file) and {@link dev.plugboard.host.output.TableWriter} (rows as CSV, formulas neutralised, or JSON
 * Lines). It knows nothing of syncs or reports.
 */
package dev.plugboard.host.output;
