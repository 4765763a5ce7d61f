package dev.quarry.automl.cli;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.automl.pipeline.PredictionCsv;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.Table;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quarry predict}: scores a CSV with a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Score a CSV with a saved model.",
                "Writes one row per input row, in input order: a 'prediction' column and, for classification, "
                        + "one 'probability_<class>' column per class. The target column may be present; it is ignored."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "<dir>",
            description = "a model folder (an experiment's outputs/model)")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "<csv>", description = "rows to score, with a header")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "<csv>", description = "where to write predictions")
    private Path output;

    @Override
    public Integer call() {
        try {
            Pipeline pipeline = PipelineArtifact.read(model);
            var info = pipeline.info();
            var csv = new CsvOptions(info.delimiter(), new LinkedHashSet<>(info.missingValues()));
            Table table = CsvReader.read(input, csv, info.inputColumns());
            Predictions p = pipeline.predict(table);
            PredictionCsv.write(p, info.classes(), output);
            spec.commandLine().getOut().println("Wrote " + p.size() + " predictions to " + output);
            return ExitCodes.OK;
        } catch (DataException e) {
            spec.commandLine().getErr().println("error: " + input.getFileName() + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
