package dev.quarry.automl.cli;

import dev.quarry.automl.report.ReportFiles;
import dev.quarry.reports.ReportJson;
import dev.quarry.reports.model.ExperimentReport;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code quarry report}: rebuilds an experiment's HTML report (and the workspace index) from the
 * run history and the experiment's saved outputs, or prints the same content as JSON.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Regenerate an experiment's HTML report (runs/<id>/outputs/report.html) and the workspace "
                + "index (index.html) from the run history.", "With --json, print the report's content as JSON instead."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--json", description = "print the report as JSON (the content the HTML page draws); writes no file")
    private boolean json;

    @Override
    public Integer call() {
        var location = args.location();
        if (!Files.isRegularFile(location.database())) {
            spec.commandLine().getErr().println("error: no run history at " + location.database()
                    + " (give --workspace or the experiment's folder)");
            return ExitCodes.BAD_INPUT;
        }
        var ws = Workspace.open(location.root());
        try (var store = SqliteRunStore.open(ws.database())) {
            Instant now = Instant.now();
            Optional<ExperimentReport> report = ReportFiles.assemble(ws, store, location.id(), now);
            if (report.isEmpty()) {
                spec.commandLine().getErr().println("error: no experiment " + location.id() + " in " + location.database());
                return ExitCodes.BAD_INPUT;
            }
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(ReportJson.toJson(report.get(), true));
            } else {
                Path html = ReportFiles.write(ws, report.get(), null);
                Path index = ReportFiles.writeIndex(ws, store, now);
                out.println("Report: " + html.toAbsolutePath());
                out.println("Index:  " + index.toAbsolutePath());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
