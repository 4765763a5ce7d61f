/**
 * Reading CSV files (RFC 4180) into columnar {@link dev.quarry.featurize.table.Table}s, with
 * configurable missing-value tokens and errors that name the file and line.
 */
package dev.quarry.featurize.csv;
