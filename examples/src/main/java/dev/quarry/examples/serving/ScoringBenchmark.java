package dev.quarry.examples.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * {@code ./quarry bench-scoring}: trains a {@code smile.gradient_boosting} model through the HTTP
 * API of a {@code quarry serve} process (its own JVM), registers and deploys it, then measures
 * scoring throughput and p50/p99 latency over loopback HTTP for single-row and 1,000-row requests,
 * against the same model scoring the same rows in this JVM (the baseline: {@link Pipeline#predict}
 * with no HTTP and no JSON), with the same number of concurrent callers. Prints a markdown table
 * and writes it to {@code <out>/scoring.md}.
 *
 * <p>Options: {@code --dataset credit-g.csv --target class --datasets <dir> --out bench-out/scoring
 * --seconds 10 --warmup 3 --connections 4}.
 */
public final class ScoringBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");

    private ScoringBenchmark() {
    }

    /**
     * @param args the options above
     * @throws Exception when the benchmark cannot run
     */
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            // Vert.x threads are not daemons; exit rather than hang after a failure.
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quarry.root", ".")).toAbsolutePath().normalize();
        String dataset = option(args, "--dataset", "credit-g.csv");
        String target = option(args, "--target", "class");
        Path datasets = Path.of(option(args, "--datasets", root.getParent().resolve("shared/datasets").toString()));
        Path out = Path.of(option(args, "--out", "bench-out/scoring")).toAbsolutePath();
        double seconds = Double.parseDouble(option(args, "--seconds", "10"));
        double warmup = Double.parseDouble(option(args, "--warmup", "3"));
        int connections = Integer.parseInt(option(args, "--connections", "4"));

        Path workspace = out.resolve("workspace");
        dev.quarry.runner.store.Workspace.deleteTree(workspace);
        Files.createDirectories(workspace.resolve("data"));
        Path csv = workspace.resolve("data").resolve(dataset);
        Files.copy(datasets.resolve(dataset), csv);

        Process server = startServer(workspace, out);
        try {
            int port = port(server, out.resolve("serve.out"));
            String token = Files.readString(workspace.resolve("api-token")).strip();
            var api = new Api(port, token);
            System.out.println("Training smile.gradient_boosting on " + dataset + " through the API...");
            JsonNode submitted = api.post("/api/v1/experiments", """
                    {"name": "bench", "data": {"train": "%s", "target": "%s"}, "budget": {"maxTrials": 1},
                     "learners": ["smile.gradient_boosting"], "ensemble": {"enabled": false},
                     "validation": {"type": "holdout", "fraction": 0.2},
                     "executor": {"type": "local", "parallelism": 1}}""".formatted(dataset, target), 202);
            String id = submitted.get("id").asText();
            JsonNode experiment;
            do {
                Thread.sleep(500);
                experiment = api.get("/api/v1/experiments/" + id);
            } while (experiment.get("status").asText().equals("RUNNING"));
            if (!experiment.get("status").asText().equals("COMPLETED")) {
                throw new IllegalStateException("the experiment ended " + experiment);
            }
            api.post("/api/v1/models", "{\"name\": \"gbm\", \"experiment\": \"" + id + "\"}", 201);
            api.post("/api/v1/endpoints", "{\"model\": \"gbm:1\"}", 201);

            Pipeline pipeline = PipelineArtifact.read(workspace.resolve("registry/gbm/1/model"));
            var info = pipeline.info();
            Table table = CsvReader.read(csv, new CsvOptions(info.delimiter(), new LinkedHashSet<>(info.missingValues())),
                    info.inputColumns());
            int batch = Math.min(1000, table.rowCount());
            List<Buffer> singles = new ArrayList<>();
            for (int i = 0; i < table.rowCount(); i++) {
                singles.add(Buffer.buffer(body(table, info.inputColumns().keySet(), i, i + 1)));
            }
            List<Buffer> batches = List.of(Buffer.buffer(body(table, info.inputColumns().keySet(), 0, batch)));

            String path = "/api/v1/endpoints/gbm/score";
            Latencies httpSingle;
            Latencies httpBatch;
            try (var load = new LoadClient(port, token, connections)) {
                System.out.println("HTTP, 1 row per request, " + connections + " connections...");
                httpSingle = load.run(path, singles, 1, connections, warmup, seconds);
                System.out.println("HTTP, " + batch + " rows per request, " + connections + " connections...");
                httpBatch = load.run(path, batches, batch, connections, warmup, seconds);
            }
            System.out.println("In-process Pipeline.predict, " + connections + " threads...");
            Table[] singleTables = IntStream.range(0, table.rowCount()).mapToObj(i -> table.select(new int[] {i}))
                    .toArray(Table[]::new);
            Table batchTable = table.select(IntStream.range(0, batch).toArray());
            Latencies localSingle = inProcess(pipeline, singleTables, 1, connections, warmup, seconds);
            Latencies localBatch = inProcess(pipeline, new Table[] {batchTable}, batch, connections, warmup, seconds);

            String report = report(dataset, experiment, connections, seconds, httpSingle, localSingle, httpBatch, localBatch,
                    batch);
            System.out.println();
            System.out.print(report);
            Files.writeString(out.resolve("scoring.md"), report);
            System.out.println("Written to " + out.resolve("scoring.md"));
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static Latencies inProcess(Pipeline pipeline, Table[] tables, int rows, int threads, double warmup,
            double seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long[] samples = new long[4_000_000];
        var count = new AtomicInteger();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; ; i++) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                    pipeline.predict(tables[i % tables.length]);
                    long now = System.nanoTime();
                    if (sent >= measureFrom && now <= end) {
                        int n = count.getAndIncrement();
                        if (n < samples.length) {
                            samples[n] = now - sent;
                        }
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        return Latencies.of(samples, Math.min(count.get(), samples.length), rows, seconds, 0);
    }

    private static String report(String dataset, JsonNode experiment, int connections, double seconds, Latencies httpSingle,
            Latencies localSingle, Latencies httpBatch, Latencies localBatch, int batch) {
        var s = new StringBuilder();
        s.append("# Scoring benchmark, ").append(Instant.now()).append("\n\n");
        s.append(String.format(Locale.ROOT, "Model: smile.gradient_boosting (Smile defaults) trained on %s (%s %.4f), "
                + "registered as gbm:1 and deployed. %d concurrent callers, %.0f s measured per row after warm-up; "
                + "%d cores.%n%n", dataset, experiment.get("metric").asText(), experiment.get("best").get("score").asDouble(),
                connections, seconds, Runtime.getRuntime().availableProcessors()));
        s.append("| request | path | requests/s | rows/s | p50 ms | p99 ms | errors | rows/s vs in-process |\n");
        s.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        row(s, "1 row", "HTTP (loopback, JSON)", httpSingle, localSingle);
        row(s, "1 row", "in-process Pipeline.predict", localSingle, localSingle);
        row(s, batch + " rows", "HTTP (loopback, JSON)", httpBatch, localBatch);
        row(s, batch + " rows", "in-process Pipeline.predict", localBatch, localBatch);
        return s.toString();
    }

    private static void row(StringBuilder s, String request, String path, Latencies l, Latencies baseline) {
        s.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %.2f | %d | %.2f |%n", request, path,
                l.requestsPerSecond(), l.rowsPerSecond(), l.p50Millis(), l.p99Millis(), l.errors(),
                l.rowsPerSecond() / baseline.rowsPerSecond()));
    }

    /** Rows from..to of the table as a scoring body: numbers as numbers, categories as strings, missing as null. */
    private static String body(Table table, java.util.Set<String> columns, int from, int to) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode rows = body.putArray("rows");
        for (int i = from; i < to; i++) {
            ObjectNode row = rows.addObject();
            for (String name : columns) {
                Column c = table.column(name);
                if (c.isMissing(i)) {
                    row.putNull(name);
                } else if (c instanceof NumericColumn n) {
                    row.put(name, n.values()[i]);
                } else {
                    row.put(name, ((CategoricalColumn) c).value(i));
                }
            }
        }
        return JSON.writeValueAsString(body);
    }

    private static Process startServer(Path workspace, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-cp",
                System.getProperty("java.class.path"), "dev.quarry.automl.cli.QuarryCli", "serve", "--port", "0",
                "--workspace", workspace.toString(), "--max-body-mb", "64");
        return new ProcessBuilder(command).redirectOutput(out.resolve("serve.out").toFile())
                .redirectError(out.resolve("serve.err").toFile()).start();
    }

    private static int port(Process server, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("quarry serve exited; see " + log.resolveSibling("serve.err"));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("quarry serve did not start within 120 s");
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The few API calls setting up the benchmark, with the JDK's client. */
    private record Api(int port, String token) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        JsonNode get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
        }

        JsonNode post(String path, String body, int expected) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), expected);
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private JsonNode send(HttpRequest.Builder b, int expected) throws IOException, InterruptedException {
            HttpResponse<String> r = HTTP.send(b.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }
}
