package dev.quarry.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything one experiment's report shows; its JSON form is what {@code quarry report --json} prints.
 *
 * @param generated when the report was assembled (ISO-8601 instant)
 * @param summary what ran, with what budget, and what won
 * @param dataset the training data's profile, or null if unknown (e.g. regenerated without it)
 * @param runs every child run, ranked ones first in rank order
 * @param charts the chart series
 * @param ensemble the shipped ensemble's members, empty if the model is not an ensemble
 * @param diagnostics the best model's diagnostics, or null if none were computed
 * @param guardrails the data guardrails' findings, or null if the experiment has none recorded
 */
public record ExperimentReport(String generated, Summary summary, DatasetProfile dataset, List<RunRow> runs,
        Charts charts, List<EnsembleMember> ensemble, Diagnostics diagnostics, Guardrails guardrails) {

    /** Checks the required parts and copies the lists. */
    public ExperimentReport {
        Objects.requireNonNull(generated, "generated");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(charts, "charts");
        runs = List.copyOf(runs);
        ensemble = List.copyOf(ensemble);
    }
}
