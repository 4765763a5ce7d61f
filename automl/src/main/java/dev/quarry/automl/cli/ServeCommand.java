package dev.quarry.automl.cli;

import dev.quarry.automl.api.ApiServer;
import dev.quarry.automl.api.ApiToken;
import dev.quarry.automl.api.ServerOptions;
import dev.quarry.automl.registry.ModelRef;
import dev.quarry.automl.registry.RegistryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quarry serve}: the HTTP API over a workspace, until stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API over a workspace: experiments, the model registry and scoring endpoints.",
                "Every route but /health needs 'Authorization: Bearer <token>'; the token is in <workspace>/api-token."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "<address>", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "the address to bind (default: ${DEFAULT-VALUE}, this machine only)")
    private String host;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "the port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    private int port;

    @Option(names = "--workspace", paramLabel = "<dir>", defaultValue = "quarry-workspace",
            description = "the workspace (default: ${DEFAULT-VALUE}); datasets for experiments go in its data/ folder")
    private Path workspace;

    @Option(names = "--max-experiments", paramLabel = "<n>", defaultValue = "" + ServerOptions.DEFAULT_MAX_EXPERIMENTS,
            description = "experiments running at once; more get 429 (default: ${DEFAULT-VALUE})")
    private int maxExperiments;

    @Option(names = "--max-body-mb", paramLabel = "<MiB>", defaultValue = "" + ServerOptions.DEFAULT_MAX_BODY_MB,
            description = "the largest JSON or YAML request body (default: ${DEFAULT-VALUE})")
    private int maxBodyMb;

    @Option(names = "--max-upload-mb", paramLabel = "<MiB>", defaultValue = "" + ServerOptions.DEFAULT_MAX_UPLOAD_MB,
            description = "the largest dataset upload (default: ${DEFAULT-VALUE})")
    private int maxUploadMb;

    @Option(names = "--model", paramLabel = "<name:version>",
            description = "serve only this registered model, at /api/v1/endpoints/<name>/score, without the experiment routes")
    private String model;

    @Option(names = "--rotate-token", description = "replace the API token with a new one and exit")
    private boolean rotateToken;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rotateToken) {
            ApiToken token = ApiToken.open(workspace.resolve(ApiToken.FILE_NAME));
            token.rotate();
            out.println("A new API token is in " + token.file().toAbsolutePath() + " (owner-only); the old one no longer works.");
            out.flush();
            return ExitCodes.OK;
        }
        ServerOptions options;
        try {
            options = new ServerOptions(host, port, workspace, maxExperiments, (long) maxBodyMb << 20, (long) maxUploadMb << 20,
                    model == null ? null : ModelRef.parse(model));
        } catch (IllegalArgumentException | RegistryException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        ApiServer server;
        try {
            server = ApiServer.start(options, System.err);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        var stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "quarry-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Quarry API " + (options.model() != null ? "serving model " + options.model() : "(experiments, models, endpoints)")
                + " on http://" + options.host() + ":" + server.port() + " over workspace "
                + options.workspace().toAbsolutePath().normalize());
        out.println("API token: " + (server.token().created() ? "new, " : "") + "in " + server.token().file()
                + " (owner-only); send it as 'Authorization: Bearer <token>'");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
