/**
 * Assembles experiment reports and the workspace index: computes what they show (chart series,
 * hyperparameter influence, the best model's diagnostics, confidence intervals) from the run
 * history and, during a run, from the best trial's validation predictions, and writes the files
 * {@code reports} renders. Entry points: {@link dev.quarry.automl.report.ReportAssembler} (one
 * report), {@link dev.quarry.automl.report.ReportFiles} (where reports live, reading and writing
 * them), {@link dev.quarry.automl.report.DiagnosticsBuilder} (the best model's diagnostics).
 */
package dev.quarry.automl.report;
