/**
 * A second connector on the same SPI, small enough to read in one sitting: identities, groups and their grants
 * from a JSON export file or a folder of CSV files ({@link dev.plugboard.examples.file.ExportReader}), synced page by
 * page ({@link dev.plugboard.examples.file.FileResourceSync}) and reported as tables
 * ({@link dev.plugboard.examples.file.FileReports}).
 */
package dev.plugboard.examples.file;
