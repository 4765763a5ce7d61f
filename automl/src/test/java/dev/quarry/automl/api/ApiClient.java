package dev.quarry.automl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** A plain HTTP client for tests: real requests over a socket to a running server. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status and body (JSON when it parses, else null). */
    record Reply(int status, String text, JsonNode json) {
        JsonNode error() {
            return json == null ? null : json.get("error");
        }
    }

    /** One server-sent event. */
    record Event(String type, JsonNode data) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String token;

    ApiClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    void token(String token) {
        this.token = token;
    }

    HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                // Reports, YAML and streams are not JSON.
            }
            return new Reply(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply postJson(String path, Object body) {
        try {
            return post(path, "application/json", body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A multipart/form-data POST with a {@code config} field and a {@code dataset} file. */
    Reply postMultipart(String path, String config, String fileName, byte[] file) {
        String boundary = "quarry-" + UUID.randomUUID();
        var parts = new ArrayList<byte[]>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config\"\r\n\r\n" + config + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dataset\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(file);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)).build());
    }

    /** Follows an event stream to its end (the {@code finished} event). */
    List<Event> events(String path) {
        try {
            HttpResponse<Stream<String>> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                throw new AssertionError("events: status " + r.statusCode());
            }
            var out = new ArrayList<Event>();
            String type = null;
            try (Stream<String> lines = r.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        out.add(new Event(type, JSON.readTree(line.substring(6))));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String token(Path workspace) {
        try {
            return Files.readString(workspace.resolve(ApiToken.FILE_NAME)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
