package dev.quarry.examples.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One headless Chromium process and its first page, driven over the DevTools Protocol. The browser
 * gets a fresh profile folder, listens on a port it picks (read from {@code DevToolsActivePort})
 * on 127.0.0.1 only, and is killed by {@link #close()}. Not thread-safe: one caller at a time.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /**
     * Starts the browser and attaches to its first page.
     *
     * @param binary the chromium executable
     * @param width the viewport width in CSS pixels
     * @param height the viewport height
     * @return the driver
     * @throws IOException if it cannot be started or does not open its debugging port in time
     */
    public static HeadlessChromium start(Path binary, int width, int height) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IOException("no Chromium at " + binary + " (install Debian's chromium package)");
        }
        Path profile = Files.createTempDirectory("quarry-chromium");
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Chromium did not open its debugging port within " + TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().trim());
            var http = HttpClient.newHttpClient();
            String ws = null;
            while (ws == null) {
                var list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : list) {
                    if (target.path("type").asText().equals("page")) {
                        ws = target.path("webSocketDebuggerUrl").asText();
                        break;
                    }
                }
                if (ws == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("Chromium opened no page within " + TIMEOUT.toSeconds() + " s");
                    }
                    Thread.sleep(50);
                }
            }
            var holder = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String message = text.toString();
                        text.setLength(0);
                        while (holder[0] == null) {
                            Thread.onSpinWait();
                        }
                        holder[0].receive(message);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            var browser = new HeadlessChromium(p, profile, socket);
            holder[0] = browser;
            browser.call("Runtime.enable", Map.of());
            browser.call("Log.enable", Map.of());
            browser.call("Page.enable", Map.of());
            browser.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
            return browser;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("cannot attach to Chromium: " + e.getMessage(), e);
        }
    }

    private void receive(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) {
                    if (m.has("error")) {
                        f.completeExceptionally(new IllegalStateException("DevTools error: " + m.get("error")));
                    } else {
                        f.complete(m.path("result"));
                    }
                }
                return;
            }
            String method = m.path("method").asText();
            JsonNode params = m.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> problems.add("exception: " + params.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                        problems.add("console." + type + ": " + params.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    String level = params.path("entry").path("level").asText();
                    if (level.equals("error") || level.equals("warning")) {
                        problems.add("log " + level + ": " + params.path("entry").path("text").asText()
                                + " " + params.path("entry").path("url").asText());
                    }
                }
                default -> { }
            }
            CompletableFuture<JsonNode> waiter = awaited.remove(method);
            if (waiter != null) {
                waiter.complete(params);
            }
        } catch (IOException e) {
            problems.add("unreadable DevTools message: " + e.getMessage());
        }
    }

    /**
     * Sends one DevTools command and waits for its result.
     *
     * @param method e.g. {@code Page.navigate}
     * @param params its parameters
     * @return the result object
     */
    public JsonNode call(String method, Map<String, ?> params) throws IOException {
        int id = ids.incrementAndGet();
        var future = new CompletableFuture<JsonNode>();
        pending.put(id, future);
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(msg.toString(), true).join();
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(method + " had no answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " interrupted", e);
        }
    }

    /**
     * Opens a URL and waits for its load event; clears the problems collected so far.
     *
     * @param url e.g. a {@code file:} URL
     */
    public void open(String url) throws IOException {
        problems.clear();
        var loaded = new CompletableFuture<JsonNode>();
        awaited.put("Page.loadEventFired", loaded);
        call("Page.navigate", Map.of("url", url));
        try {
            loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(url + " did not load within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    /**
     * @param expression JavaScript, evaluated in the page; a promise is awaited
     * @return its value, as JSON
     * @throws IOException if it throws
     */
    public JsonNode evaluate(String expression) throws IOException {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Saves a PNG of the whole page (the viewport stretched to the document's height).
     *
     * @param file where to write it
     */
    public void screenshot(Path file) throws IOException {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** @return console errors and warnings, uncaught exceptions and error log entries since the last {@link #open} */
    public List<String> problems() {
        return new ArrayList<>(problems);
    }

    @Override
    public void close() {
        socket.abort();
        // Renderer and helper processes are the browser's children; end them with it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // A leftover temporary profile is harmless; the browser process is gone either way.
        }
    }
}
