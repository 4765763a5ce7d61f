/**
 * The values an experiment report and a workspace index show, as records assembled by
 * {@code automl} (which computes them) and rendered by {@code dev.quarry.reports} (which does
 * not). Every number that may not exist is a boxed {@code null}, never NaN, so the JSON form is
 * valid JSON; every string may hold anything a user wrote (column names, labels, names) and is
 * escaped only when rendered.
 */
package dev.quarry.reports.model;
