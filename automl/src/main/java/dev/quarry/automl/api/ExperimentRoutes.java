package dev.quarry.automl.api;

import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.featurize.DataException;
import dev.quarry.reports.LeaderboardJson;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The experiment routes under {@code /api/v1/experiments}: submit, list, get, child runs, the live
 * event stream, cancel, leaderboard, HTML report and model download.
 */
final class ExperimentRoutes {

    private static final long HEARTBEAT_MILLIS = 15_000;

    private final Vertx vertx;
    private final RunStore store;
    private final Workspace workspace;
    private final ExperimentRunner runner;
    private final Blocking blocking;
    private final Path dataFolder;
    private final long maxBodyBytes;

    ExperimentRoutes(Vertx vertx, RunStore store, Workspace workspace, ExperimentRunner runner, Path dataFolder,
            long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.vertx = vertx;
        this.store = store;
        this.workspace = workspace;
        this.runner = runner;
        this.blocking = new Blocking(vertx);
        this.dataFolder = dataFolder;
    }

    void mount(Router router, BodyHandler uploadBody) {
        String base = "/api/v1/experiments";
        router.post(base).handler(uploadBody).handler(this::submit);
        router.get(base).handler(this::list);
        router.get(base + "/:id").handler(this::get);
        router.get(base + "/:id/runs").handler(this::runs);
        router.get(base + "/:id/events").handler(this::events);
        router.post(base + "/:id/cancel").handler(this::cancel);
        router.get(base + "/:id/leaderboard").handler(this::leaderboard);
        router.get(base + "/:id/report").handler(this::report);
        router.get(base + "/:id/artifact").handler(this::artifact);
    }

    private void submit(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if ((type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"))
                && ctx.body().length() > maxBodyBytes) {
            // Only uploads may use the larger upload limit the body handler of this route allows.
            throw new ApiException(413, "payload_too_large", "a config body is at most " + maxBodyBytes + " bytes, got "
                    + ctx.body().length(), null);
        }
        runner.reserve();
        Instant budgetStart = Instant.now();
        blocking.run(() -> {
            ExperimentSubmission submission = ExperimentSubmission.read(ctx, dataFolder);
            Experiments.Prepared prepared;
            try {
                prepared = Experiments.prepare(submission.config(), ExperimentSubmission.SOURCE, budgetStart);
            } catch (ConfigException e) {
                submission.discard();
                throw ApiException.badRequest("invalid_config", e.getMessage(), e.path());
            } catch (DataException e) {
                submission.discard();
                throw ApiException.badRequest("invalid_dataset", e.getMessage(), "$.data.train");
            } catch (RuntimeException e) {
                submission.discard();
                throw e;
            }
            return runner.start(prepared, budgetStart);
        }).onSuccess(live -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("id", live.id());
            body.put("status", "RUNNING");
            body.put("self", "/api/v1/experiments/" + live.id());
            body.put("events", "/api/v1/experiments/" + live.id() + "/events");
            ctx.response().putHeader("Location", "/api/v1/experiments/" + live.id());
            Replies.json(ctx, 202, body);
        }).onFailure(t -> {
            runner.release();
            ctx.fail(t);
        });
    }

    private void list(RoutingContext ctx) {
        Paging paging = Paging.of(ctx);
        blocking.json(ctx, 200, () -> {
            Instant now = Instant.now();
            List<Object> views = new ArrayList<>();
            for (ExperimentRecord e : store.experiments()) {
                views.add(Views.experiment(e, runner.find(e.id()).orElse(null), now));
            }
            return paging.page(views);
        });
    }

    private void get(RoutingContext ctx) {
        String id = id(ctx);
        blocking.json(ctx, 200, () -> {
            var live = runner.find(id).orElse(null);
            var record = store.experiment(id);
            if (record.isPresent()) {
                return Views.experiment(record.get(), live, Instant.now());
            }
            if (live != null) {
                return Views.starting(live);
            }
            throw ApiException.notFound("no experiment " + id);
        });
    }

    private void runs(RoutingContext ctx) {
        String id = id(ctx);
        Paging paging = Paging.of(ctx);
        String sort = ctx.queryParams().get("sort");
        String order = ctx.queryParams().get("order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("invalid_parameter", "`order` must be asc or desc, got '" + order + "'", "order");
        }
        blocking.json(ctx, 200, () -> {
            ExperimentRecord e = record(id);
            List<TrialResult> trials = new ArrayList<>(store.trials(id));
            trials.sort(comparator(e, trials, sort, order));
            return paging.page(trials.stream().map(Views::trial).toList());
        });
    }

    /**
     * Child runs by {@code trial} (the default), {@code score}, {@code fitSeconds}, {@code started}
     * or any metric a run recorded. Scores and metrics default to best first; runs without the value
     * go last whatever the order.
     */
    private static Comparator<TrialResult> comparator(ExperimentRecord e, List<TrialResult> trials, String sort, String order) {
        String key = sort == null ? "trial" : sort;
        var metrics = new TreeSet<String>();
        trials.forEach(t -> metrics.addAll(t.metrics().keySet()));
        Comparator<TrialResult> byNumber = Comparator.comparingInt(TrialResult::number);
        switch (key) {
            case "trial" -> {
                return "desc".equals(order) ? byNumber.reversed() : byNumber;
            }
            case "started" -> {
                Comparator<TrialResult> c = Comparator.comparing(TrialResult::started);
                return ("desc".equals(order) ? c.reversed() : c).thenComparing(byNumber);
            }
            case "fitSeconds" -> {
                Comparator<TrialResult> c = Comparator.comparingDouble(TrialResult::fitSeconds);
                return ("desc".equals(order) ? c.reversed() : c).thenComparing(byNumber);
            }
            default -> {
                if (!key.equals("score") && !metrics.contains(key)) {
                    var valid = new ArrayList<>(List.of("trial", "score", "fitSeconds", "started"));
                    valid.addAll(metrics);
                    throw ApiException.badRequest("invalid_parameter", "cannot sort by '" + key + "'; valid keys: "
                            + String.join(", ", valid), "sort");
                }
                Direction direction = key.equals("score") ? e.direction() : metricDirection(key);
                boolean descending = order != null ? order.equals("desc") : direction == Direction.MAXIMIZE;
                return (TrialResult a, TrialResult b) -> {
                    double x = value(a, key);
                    double y = value(b, key);
                    if (Double.isNaN(x) || Double.isNaN(y)) {
                        return Double.isNaN(x) == Double.isNaN(y) ? Integer.compare(a.number(), b.number()) : Double.isNaN(x) ? 1 : -1;
                    }
                    int c = descending ? Double.compare(y, x) : Double.compare(x, y);
                    return c != 0 ? c : Integer.compare(a.number(), b.number());
                };
            }
        }
    }

    private static Direction metricDirection(String id) {
        try {
            return Metric.parse(id).direction();
        } catch (IllegalArgumentException unknown) {
            return Direction.MAXIMIZE;
        }
    }

    private static double value(TrialResult t, String key) {
        Double v = key.equals("score") ? Double.valueOf(t.score()) : t.metrics().get(key);
        return v == null ? Double.NaN : v;
    }

    private void events(RoutingContext ctx) {
        String id = id(ctx);
        HttpServerResponse response = ctx.response();
        var live = runner.find(id);
        if (live.isEmpty()) {
            // Not run by this server (or long finished): the stream is just how it ended.
            blocking.run(() -> record(id)).onSuccess(e -> {
                openStream(response);
                var data = new LinkedHashMap<String, Object>();
                data.put("experiment", id);
                data.put("status", e.status().name());
                data.put("stopReason", e.stopReason());
                data.put("bestTrial", e.bestTrial());
                data.put("bestScore", Views.number(e.bestScore()));
                response.end(format(new LiveExperiment.Event(0, "finished", Replies.json(data))));
            }).onFailure(ctx::fail);
            return;
        }
        openStream(response);
        Context context = vertx.getOrCreateContext();
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MILLIS, t -> {
            if (!response.ended() && !response.closed()) {
                response.write(": keep-alive\n\n");
            }
        });
        Consumer<LiveExperiment.Event> subscriber = event -> context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                return;
            }
            if (event.last()) {
                vertx.cancelTimer(heartbeat);
                response.end(format(event));
            } else {
                response.write(format(event));
            }
        });
        response.closeHandler(v -> {
            vertx.cancelTimer(heartbeat);
            live.get().unsubscribe(subscriber);
        });
        response.endHandler(v -> vertx.cancelTimer(heartbeat));
        live.get().subscribe(subscriber);
    }

    private static void openStream(HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        response.write(": quarry experiment events\n\n");
    }

    private static String format(LiveExperiment.Event e) {
        return "id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + e.data() + "\n\n";
    }

    private void cancel(RoutingContext ctx) {
        String id = id(ctx);
        blocking.json(ctx, 202, () -> {
            if (runner.cancel(id)) {
                return Map.of("id", id, "status", "CANCELLING");
            }
            ExperimentRecord e = record(id);
            throw ApiException.conflict("experiment " + id + " is not running here (status " + e.status() + ")");
        });
    }

    private void leaderboard(RoutingContext ctx) {
        String id = id(ctx);
        blocking.json(ctx, 200, () -> {
            ExperimentRecord e = record(id);
            return LeaderboardJson.toTree(Leaderboard.of(id, e.metric(), e.direction(), store.trials(id)));
        });
    }

    private void report(RoutingContext ctx) {
        String id = id(ctx);
        blocking.run(() -> {
            record(id);
            Path file = workspace.runDir(id).resolve("outputs").resolve("report.html");
            if (!Files.isRegularFile(file)) {
                throw ApiException.notFound("experiment " + id + " has no HTML report (outputs/report.html)");
            }
            return file;
        }).onSuccess(file -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .sendFile(file.toString()).onFailure(ctx::fail)).onFailure(ctx::fail);
    }

    private void artifact(RoutingContext ctx) {
        String id = id(ctx);
        blocking.run(() -> {
            record(id);
            Path model = workspace.runDir(id).resolve("outputs").resolve("model");
            if (!Files.isDirectory(model)) {
                throw ApiException.notFound("experiment " + id + " has no saved model (yet)");
            }
            return Zips.folder(model, "model");
        }).onSuccess(zip -> {
            HttpServerResponse response = ctx.response();
            response.putHeader("Content-Type", "application/zip")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + id + "-model.zip\"");
            response.sendFile(zip.toString()).onComplete(done -> vertx.executeBlocking(() -> Files.deleteIfExists(zip), false));
        }).onFailure(ctx::fail);
    }

    private ExperimentRecord record(String id) {
        return store.experiment(id).orElseThrow(() -> ApiException.notFound("no experiment " + id));
    }

    /** An experiment id from the path; ids are names plus a time and a number, never a path. */
    static String id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,128}") || id.startsWith(".")) {
            throw ApiException.notFound("no experiment " + id);
        }
        return id;
    }

    /** Zips a folder into a temporary file. */
    static final class Zips {
        private Zips() {
        }

        static Path folder(Path dir, String prefix) {
            try {
                Path zip = Files.createTempFile("quarry-", ".zip");
                try (var out = new ZipOutputStream(Files.newOutputStream(zip));
                        var files = Files.walk(dir)) {
                    for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new ZipEntry(prefix + "/" + dir.relativize(p).toString().replace('\\', '/')));
                        Files.copy(p, out);
                        out.closeEntry();
                    }
                }
                return zip;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot zip " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
