package dev.quarry.automl.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.reports.ReportJson;
import dev.quarry.reports.html.ReportHtml;
import dev.quarry.reports.model.ExperimentReport;
import dev.quarry.reports.model.Guardrails;
import dev.quarry.reports.model.WorkspaceIndex;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where reports live and how they are written: {@code runs/<experiment>/outputs/report.html}, the
 * run's {@code report-inputs.json} beside it, the guardrails' {@code guardrails.json} read from
 * there, and the workspace's {@code index.html}. Files are replaced atomically. Stateless and
 * thread-safe; concurrent writers of the same file leave one whole version.
 */
public final class ReportFiles {

    /** The report's file name in an experiment's outputs. */
    public static final String REPORT = "report.html";
    /** The saved {@link ReportInputs}. */
    public static final String INPUTS = "report-inputs.json";
    /** The guardrails' findings, written by the featurization guardrails. */
    public static final String GUARDRAILS = "guardrails.json";
    /** The workspace index's file name in the workspace folder. */
    public static final String INDEX = "index.html";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportFiles() {
    }

    /**
     * @param workspace the workspace
     * @param experimentId an experiment
     * @return its report file (not necessarily existing)
     */
    public static Path report(Workspace workspace, String experimentId) {
        return workspace.runDir(experimentId).resolve("outputs").resolve(REPORT);
    }

    /**
     * Writes the report's HTML, and the run's inputs when given.
     *
     * @param workspace the workspace
     * @param report the report
     * @param inputs what the run knew, saved for {@code quarry report}; null to leave the saved ones
     * @return the HTML file
     */
    public static Path write(Workspace workspace, ExperimentReport report, ReportInputs inputs) {
        Path outputs = workspace.outputs(report.summary().experiment());
        if (inputs != null) {
            ReportJson.writeAtomically(outputs.resolve(INPUTS), ReportJson.toJson(inputs, true));
        }
        Path html = outputs.resolve(REPORT);
        ReportJson.writeAtomically(html, ReportHtml.render(report));
        return html;
    }

    /**
     * Assembles an experiment's report from the run history and its saved inputs and guardrails.
     *
     * @param workspace the workspace
     * @param store its run store
     * @param experimentId the experiment
     * @param now the time
     * @return the report, or empty if the store has no such experiment
     */
    public static Optional<ExperimentReport> assemble(Workspace workspace, RunStore store, String experimentId, Instant now) {
        return store.experiment(experimentId).map(e -> ReportAssembler.assemble(e, store.trials(experimentId),
                readInputs(workspace, experimentId), readGuardrails(workspace, experimentId), now));
    }

    /**
     * @param workspace the workspace
     * @param experimentId an experiment
     * @return its saved inputs, or null if there are none or they cannot be read (the report then shows less)
     */
    public static ReportInputs readInputs(Workspace workspace, String experimentId) {
        Path file = workspace.runDir(experimentId).resolve("outputs").resolve(INPUTS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), ReportInputs.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param workspace the workspace
     * @param experimentId an experiment
     * @return the guardrails' findings, null if the file is absent; a file that cannot be read becomes
     *     one WARNING saying why, so the report never hides that guardrails ran
     */
    public static Guardrails readGuardrails(Workspace workspace, String experimentId) {
        Path file = workspace.runDir(experimentId).resolve("outputs").resolve(GUARDRAILS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Guardrails g = JSON.readValue(file.toFile(), Guardrails.class);
            return g.checks() == null ? new Guardrails(List.of()) : g;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return new Guardrails(List.of(new Guardrails.Check("guardrails file", "WARNING", List.of(),
                    file + " could not be read: " + e.getMessage(), null)));
        }
    }

    /**
     * Writes the workspace index comparing every experiment in the store.
     *
     * @param workspace the workspace
     * @param store its run store
     * @param now the time
     * @return the index file
     */
    public static Path writeIndex(Workspace workspace, RunStore store, Instant now) {
        var entries = new ArrayList<WorkspaceIndex.Entry>();
        for (ExperimentRecord e : store.experiments()) {
            List<TrialResult> trials = store.trials(e.id());
            var best = Leaderboard.of(e.id(), e.metric(), e.direction(), trials).best().map(x -> x.trial());
            Instant end = e.finished() != null ? e.finished() : now;
            boolean hasReport = Files.isRegularFile(report(workspace, e.id()));
            entries.add(new WorkspaceIndex.Entry(e.id(), e.name(), e.status().name(),
                    e.task().toLowerCase(java.util.Locale.ROOT), e.metric(), best.map(TrialResult::score).orElse(null),
                    best.map(t -> t.params().learner()).orElse(null), trials.size(),
                    ChartSeries.seconds(e.created(), end), e.created().toString(), e.stopReason(), e.dataset(),
                    hasReport ? "runs/" + e.id() + "/outputs/" + REPORT : null));
        }
        Path file = workspace.root().resolve(INDEX);
        try {
            Files.createDirectories(workspace.root());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        ReportJson.writeAtomically(file, ReportHtml.render(new WorkspaceIndex(now.toString(),
                workspace.root().toAbsolutePath().normalize().toString(), entries)));
        return file;
    }
}
