package dev.quarry.automl.cli;

import dev.quarry.automl.registry.ModelRef;
import dev.quarry.automl.registry.ModelRegistry;
import dev.quarry.automl.registry.RegisteredModel;
import dev.quarry.automl.registry.RegistryException;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code quarry model register|list|show}: the model registry of a workspace. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Register, list and show versioned models.",
        subcommands = {ModelCommand.Register.class, ModelCommand.ListModels.class, ModelCommand.Show.class})
final class ModelCommand {

    @Option(names = "--workspace", paramLabel = "<dir>", defaultValue = "quarry-workspace", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "the workspace (default: ${DEFAULT-VALUE})")
    Path workspace;

    private interface Action {
        int run(ModelRegistry registry, SqliteRunStore store, PrintWriter out);
    }

    int withRegistry(CommandSpec spec, Action action) {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(workspace.resolve("quarry.db"))) {
            err.println("error: no run history at " + workspace.resolve("quarry.db") + " (give --workspace)");
            return ExitCodes.BAD_INPUT;
        }
        Workspace ws = Workspace.open(workspace);
        try (var store = SqliteRunStore.open(ws.database()); var registry = ModelRegistry.open(ws)) {
            PrintWriter out = spec.commandLine().getOut();
            int code = action.run(registry, store, out);
            out.flush();
            return code;
        } catch (RegistryException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    static void print(PrintWriter out, RegisteredModel m) {
        out.printf(Locale.ROOT, "%s:%d  %s (%s)%n", m.name(), m.version(), m.learner(), m.task());
        if (!m.description().isEmpty()) {
            out.println("  description: " + m.description());
        }
        out.println("  tags:        " + new TreeMap<>(m.tags()));
        out.println("  metrics:     " + new TreeMap<>(m.metrics()));
        out.println("  lineage:     experiment " + m.experimentId() + ", run " + m.runId() + ", dataset " + m.dataset()
                + " (sha256 " + m.datasetHash() + ")");
        out.println("  fit:         " + m.fit());
        out.println("  versions:    " + new TreeMap<>(m.libraryVersions()));
        out.println("  registered:  " + m.created());
        out.println("  artifact:    " + m.artifact().toAbsolutePath());
    }

    /** {@code quarry model register}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register an experiment's model as the next version of a name (the model folder is copied).")
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        ModelCommand parent;
        @Parameters(index = "0", paramLabel = "<name>", description = "the model name")
        String name;
        @Option(names = "--experiment", required = true, paramLabel = "<id>", description = "the experiment to register from")
        String experiment;
        @Option(names = "--trial", paramLabel = "<n>", description = "the child run (default: the one the experiment saved)")
        Integer trial;
        @Option(names = "--description", paramLabel = "<text>", description = "free text")
        String description;
        @Option(names = "--tag", paramLabel = "<key=value>", description = "a tag; may be repeated")
        Map<String, String> tags;

        @Override
        public Integer call() {
            return parent.withRegistry(spec, (registry, store, out) -> {
                RegisteredModel m = registry.register(new ModelRegistry.Registration(name, experiment, trial, description, tags), store);
                out.println("Registered " + m.ref());
                print(out, m);
                return ExitCodes.OK;
            });
        }
    }

    /** {@code quarry model list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models and versions.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        ModelCommand parent;
        @Parameters(index = "0", arity = "0..1", paramLabel = "<name>", description = "only this name's versions")
        String name;

        @Override
        public Integer call() {
            return parent.withRegistry(spec, (registry, store, out) -> {
                List<RegisteredModel> models = name == null ? registry.list() : registry.versions(name);
                out.printf("%-32s %-24s %-12s %-28s %s%n", "model", "learner", "task", "registered", "experiment");
                for (RegisteredModel m : models) {
                    out.printf("%-32s %-24s %-12s %-28s %s%n", m.ref(), m.learner(), m.task(), m.created(), m.experimentId());
                }
                return ExitCodes.OK;
            });
        }
    }

    /** {@code quarry model show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one registered version.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        ModelCommand parent;
        @Parameters(index = "0", paramLabel = "<name:version>", description = "the version")
        String ref;

        @Override
        public Integer call() {
            return parent.withRegistry(spec, (registry, store, out) -> {
                ModelRef r = ModelRef.parse(ref);
                var m = registry.find(r).orElseThrow(() -> new RegistryException(RegistryException.Kind.NOT_FOUND,
                        "no registered model " + r, "model"));
                print(out, m);
                return ExitCodes.OK;
            });
        }
    }
}
