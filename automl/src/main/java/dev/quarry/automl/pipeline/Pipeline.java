package dev.quarry.automl.pipeline;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.Table;
import java.util.List;

/**
 * A fitted featurizer-and-model pipeline, possibly several members averaged (the fold models of a
 * cross-validated configuration, or an ensemble). Immutable and thread-safe.
 *
 * @param info what the pipeline is
 * @param members at least one member
 */
public record Pipeline(PipelineInfo info, List<PipelineMember> members) {

    /** Validates. */
    public Pipeline {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one member");
        }
    }

    /**
     * Scores raw rows. The table must hold every input column; other columns (the target, ids) are
     * ignored. Members' outputs are averaged with their weights.
     *
     * @param table raw rows, as read from CSV with {@link PipelineInfo#inputColumns()} as forced kinds
     * @return one prediction per row, in order
     * @throws DataException if an input column is missing
     */
    public Predictions predict(Table table) {
        var missing = info.inputColumns().keySet().stream().filter(c -> !table.has(c)).toList();
        if (!missing.isEmpty()) {
            throw new DataException("input is missing feature column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; the model needs: " + String.join(", ", info.inputColumns().keySet()));
        }
        double total = members.stream().mapToDouble(PipelineMember::weight).sum();
        double[] values = null;
        double[][] probabilities = null;
        for (PipelineMember member : members) {
            Predictions p = member.model().predict(member.featurizer().transform(table).rows());
            double w = member.weight() / total;
            if (members.size() == 1) {
                return p;
            }
            if (p.values() != null) {
                values = values == null ? new double[p.size()] : values;
                for (int i = 0; i < values.length; i++) {
                    values[i] += w * p.values()[i];
                }
            } else {
                probabilities = probabilities == null ? new double[p.size()][p.probabilities()[0].length] : probabilities;
                for (int i = 0; i < probabilities.length; i++) {
                    for (int k = 0; k < probabilities[i].length; k++) {
                        probabilities[i][k] += w * p.probabilities()[i][k];
                    }
                }
            }
        }
        return values != null ? Predictions.ofValues(values) : Predictions.ofProbabilities(probabilities);
    }
}
