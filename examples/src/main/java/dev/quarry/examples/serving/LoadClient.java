package dev.quarry.examples.serving;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator: {@code connections} requests in flight, each sent as soon as
 * the previous one on its connection returned, for a warm-up and then a measured window; latency is
 * from send to full response. Bodies are pre-encoded and cycled, so the client does no JSON work.
 */
final class LoadClient implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final WebClient client;
    private final int port;
    private final String token;

    LoadClient(int port, String token, int connections) {
        this.port = port;
        this.token = token;
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    Latencies run(String path, List<Buffer> bodies, int rowsPerRequest, int connections, double warmupSeconds,
            double seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long[] samples = new long[4_000_000];
        var count = new AtomicInteger();
        var errors = new AtomicLong();
        var done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int offset = c;
            vertx.runOnContext(v -> loop(path, bodies, offset, measureFrom, end, samples, count, errors, done));
        }
        if (!done.await((long) (warmupSeconds + seconds + 120), TimeUnit.SECONDS)) {
            throw new IllegalStateException("load did not finish; is the server stuck?");
        }
        return Latencies.of(samples, Math.min(count.get(), samples.length), rowsPerRequest, seconds, errors.get());
    }

    private void loop(String path, List<Buffer> bodies, int i, long measureFrom, long end, long[] samples,
            AtomicInteger count, AtomicLong errors, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.countDown();
            return;
        }
        client.post(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/json").sendBuffer(bodies.get(i % bodies.size()))
                .onComplete(r -> {
                    long now = System.nanoTime();
                    boolean ok = r.succeeded() && r.result().statusCode() == 200;
                    if (sent >= measureFrom && now <= end) {
                        if (ok) {
                            int n = count.getAndIncrement();
                            if (n < samples.length) {
                                samples[n] = now - sent;
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    loop(path, bodies, i + 1, measureFrom, end, samples, count, errors, done);
                });
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
