package dev.quarry.automl.cli;

import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.Domain;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code quarry learners}: lists the learner catalog with tasks, capabilities and search spaces. */
@Command(name = "learners", mixinStandardHelpOptions = true,
        description = "List the learners (names for the config's learners and blockedLearners), their tasks, "
                + "capabilities and hyperparameter spaces with library defaults.")
final class LearnersCommand implements Callable<Integer> {

    /** Rows assumed when showing spaces whose ranges depend on the data size. */
    private static final int SHOWN_ROWS = 1_000;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Learner l : LearnerCatalog.load().all()) {
            out.printf(Locale.ROOT, "%s%n  tasks: %s; capabilities: %s; relative cost %.2f%n", l.name(),
                    l.tasks().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", ")),
                    l.capabilities().isEmpty() ? "-" : l.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                            .sorted().collect(Collectors.joining(", ")), l.costHint());
            if (l.maxRows() < Integer.MAX_VALUE) {
                out.printf(Locale.ROOT, "  row cap: left out when the training data has more than %,d rows%n", l.maxRows());
            }
            l.unavailableReason().ifPresent(why -> out.println("  UNAVAILABLE here: " + why));
            Task task = l.tasks().stream().sorted().findFirst().orElseThrow();
            for (Hyperparameter h : l.space(task, SHOWN_ROWS).hyperparameters()) {
                out.printf(Locale.ROOT, "    %-22s %-34s default %s%n", h.name(), describe(h.domain()), h.defaultValue());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String describe(Domain d) {
        return switch (d) {
            case IntDomain i -> "int [" + i.low() + ", " + i.high() + "]" + (i.log() ? " log" : "");
            case FloatDomain f -> "float [" + f.low() + ", " + f.high() + "]" + (f.log() ? " log" : "");
            case CategoricalDomain c -> "one of " + c.choices();
        };
    }
}
