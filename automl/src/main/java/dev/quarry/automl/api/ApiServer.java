package dev.quarry.automl.api;

import dev.quarry.automl.experiment.InterruptedExperiments;
import dev.quarry.automl.registry.ModelRegistry;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The {@code quarry serve} HTTP server over one workspace. In full mode it serves experiments,
 * the registry and endpoints; in scoring-only mode ({@link ServerOptions#model()} set) one
 * registered model, deployed at start, and nothing else. {@link #start} returns once the server
 * listens; {@link #close} cancels running experiments (they save their best model), then stops
 * the server and releases the workspace.
 */
public final class ApiServer implements AutoCloseable {

    /** The OpenAPI document, a class-path resource served at {@code /api/v1/openapi.yaml}. */
    public static final String OPENAPI_RESOURCE = "/dev/quarry/automl/api/openapi.yaml";

    private final Vertx vertx;
    private final HttpServer server;
    private final Router router;
    private final ApiToken token;
    private final SqliteRunStore store;
    private final ModelRegistry registry;
    private final ExperimentRunner runner;

    private ApiServer(Vertx vertx, HttpServer server, Router router, ApiToken token, SqliteRunStore store,
            ModelRegistry registry, ExperimentRunner runner) {
        this.vertx = vertx;
        this.server = server;
        this.router = router;
        this.token = token;
        this.store = store;
        this.registry = registry;
        this.runner = runner;
    }

    /**
     * Opens the workspace, makes or reads the token, builds the routes and listens.
     *
     * @param options how to serve
     * @param log where refused requests and internal errors are reported (never the token)
     * @return the listening server
     * @throws IllegalStateException if it cannot listen or the model to serve cannot be loaded
     */
    public static ApiServer start(ServerOptions options, PrintStream log) {
        Workspace workspace = Workspace.open(options.workspace().toAbsolutePath().normalize());
        Path dataFolder = created(workspace.root().resolve("data"));
        ApiToken token = ApiToken.open(workspace.root().resolve(ApiToken.FILE_NAME));
        SqliteRunStore store = SqliteRunStore.open(workspace.database());
        ModelRegistry registry = ModelRegistry.open(workspace);
        boolean scoringOnly = options.model() != null;
        if (!scoringOnly) {
            for (var e : InterruptedExperiments.mark(store, workspace, Instant.now())) {
                log.println("quarry serve: experiment " + e.id() + " (" + e.name() + ") was left RUNNING by a process that "
                        + "stopped; recorded INTERRUPTED (quarry resume " + e.id() + " continues it)");
            }
        }
        var runner = new ExperimentRunner(store, workspace, options.maxExperiments(), log);
        Vertx vertx = Vertx.vertx();
        var deployments = new Deployments(registry, !scoringOnly);
        if (!scoringOnly) {
            deployments.restore(log);
        }
        if (scoringOnly) {
            try {
                deployments.deploy(options.model().name(), options.model());
            } catch (ApiException e) {
                close(vertx, store, registry);
                throw new IllegalStateException(e.getMessage() + " in " + workspace.root()
                        + " (see quarry model list)", e);
            }
        }
        Router router = Router.router(vertx);
        String openapi = resource(OPENAPI_RESOURCE);
        router.get("/health").handler(ctx -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("status", "ok");
            body.put("mode", scoringOnly ? "scoring" : "full");
            Replies.json(ctx, 200, body);
        });
        router.route("/api/*").handler(new BearerAuth(token, log));
        router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
                .end(openapi));
        router.post("/api/v1/token/rotate").handler(ctx -> {
            String fresh = token.rotate();
            log.println("quarry serve: the API token was rotated; the new one is in " + token.file());
            ctx.response().putHeader("Cache-Control", "no-store");
            Replies.json(ctx, 200, Map.of("token", fresh, "tokenFile", token.file().toString()));
        });
        BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
        var blocking = new Blocking(vertx);
        if (!scoringOnly) {
            BodyHandler uploadBody = BodyHandler.create(workspace.root().resolve(".uploads").toString())
                    .setBodyLimit(options.maxUploadBytes()).setDeleteUploadedFilesOnEnd(true);
            new ExperimentRoutes(vertx, store, workspace, runner, dataFolder, options.maxBodyBytes()).mount(router, uploadBody);
            new RegistryRoutes(registry, store, blocking).mount(router, jsonBody);
        }
        new EndpointRoutes(deployments, blocking).mount(router, jsonBody, !scoringOnly);
        router.route().failureHandler(ctx -> Replies.failure(ctx, log));
        router.errorHandler(404, ctx -> Replies.failure(ctx, log));
        router.errorHandler(405, ctx -> Replies.failure(ctx, log));
        HttpServer server;
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(options.port(), options.host())
                    .toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            close(vertx, store, registry);
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(vertx, store, registry);
            throw new IllegalStateException("interrupted while starting the server", e);
        }
        return new ApiServer(vertx, server, router, token, store, registry, runner);
    }

    /** @return the port listened on (the one picked when 0 was asked) */
    public int port() {
        return server.actualPort();
    }

    /** @return the bearer token's file */
    public ApiToken token() {
        return token;
    }

    /** @return the router, whose routes the OpenAPI document must list */
    public Router router() {
        return router;
    }

    @Override
    public void close() {
        runner.close();
        try {
            server.close().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            // Closing anyway: the workspace below is what must be released.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(vertx, store, registry);
    }

    private static void close(Vertx vertx, SqliteRunStore store, ModelRegistry registry) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            // Vert.x could not close cleanly; the JVM's exit will.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.close();
        store.close();
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir).toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    static String resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
