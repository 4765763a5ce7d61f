package dev.quarry.automl.pipeline;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.Table;
import java.util.List;

/**
 * A fitted featurizer-and-model pipeline, possibly several members averaged (the fold models of a
 * cross-validated configuration, or an ensemble), or member configurations combined by a stacking
 * meta-learner. Immutable and thread-safe.
 *
 * @param info what the pipeline is
 * @param members at least one member
 * @param stacker the meta-learner over consecutive groups of members, or null: members are averaged
 */
public record Pipeline(PipelineInfo info, List<PipelineMember> members, Stacker stacker) {

    /** Validates. */
    public Pipeline {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one member");
        }
        if (stacker != null && stacker.members() != members.size()) {
            throw new IllegalArgumentException("the stacker's groups hold " + stacker.members() + " members, the pipeline has "
                    + members.size());
        }
    }

    /**
     * A pipeline whose members are averaged by weight.
     *
     * @param info what the pipeline is
     * @param members at least one member
     */
    public Pipeline(PipelineInfo info, List<PipelineMember> members) {
        this(info, members, null);
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
        return predict(members, stacker, table);
    }

    /**
     * Scores raw rows with members averaged by weight, or, with a stacker, each group of members
     * averaged and the groups combined by it; without checking the input columns.
     *
     * @param members at least one member
     * @param stacker the meta-learner over consecutive groups of members, or null
     * @param table raw rows holding every member's input columns
     * @return one prediction per row, in order
     */
    static Predictions predict(List<PipelineMember> members, Stacker stacker, Table table) {
        if (stacker == null) {
            return predict(members, table);
        }
        var groups = new java.util.ArrayList<Predictions>();
        int from = 0;
        for (int size : stacker.groupSizes()) {
            groups.add(predict(members.subList(from, from + size), table));
            from += size;
        }
        return stacker.combine(groups);
    }

    /**
     * Scores raw rows with members averaged by weight, without checking the input columns.
     *
     * @param members at least one member
     * @param table raw rows holding every member's input columns
     * @return one prediction per row, in order
     */
    static Predictions predict(List<PipelineMember> members, Table table) {
        if (members.size() == 1) {
            PipelineMember only = members.getFirst();
            return only.model().predict(only.featurizer().transform(table).rows());
        }
        var parts = new java.util.ArrayList<Predictions>(members.size());
        double[] weights = new double[members.size()];
        for (int m = 0; m < members.size(); m++) {
            PipelineMember member = members.get(m);
            parts.add(member.model().predict(member.featurizer().transform(table).rows()));
            weights[m] = member.weight();
        }
        return Predictions.blend(parts, weights);
    }
}
