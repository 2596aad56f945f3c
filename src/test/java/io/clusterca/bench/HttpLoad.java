package io.clusterca.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTPS load generator against a server on loopback: {@code concurrency} requests in
 * flight over as many keep-alive connections, bounded by a request count and a deadline, recording
 * every latency. It runs on the same machine as the server, so its numbers include its own cost.
 */
public final class HttpLoad {
    /** One request to send: method, path, headers and a body (fresh per call when it must differ). */
    public record Request(HttpMethod method, String path, String contentType, String authorization, Buffer body) {}

    public record Result(String name, int concurrency, long requests, long errors, double seconds, double perSecond,
                         double p50Millis, double p99Millis, double maxMillis) {
        public JsonObject toJson() {
            return new JsonObject().put("name", name).put("concurrency", concurrency).put("requests", requests)
                    .put("errors", errors).put("seconds", seconds).put("perSecond", Math.round(perSecond))
                    .put("p50Millis", p50Millis).put("p99Millis", p99Millis).put("maxMillis", maxMillis)
                    .put("cores", Runtime.getRuntime().availableProcessors());
        }
    }

    private HttpLoad() {}

    public static Result run(Vertx vertx, String name, int port, String caPem, int concurrency, long maxRequests,
                             long maxMillis, Supplier<Request> requests) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(false)
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem))).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(concurrency));
        long[] latencies = new long[(int) maxRequests];
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + maxMillis * 1_000_000;
        Promise<Void> finished = Promise.promise();
        for (int i = 0; i < concurrency; i++) {
            vertx.runOnContext(v -> next(client, port, requests, latencies, issued, done, errors, deadline, maxRequests, finished));
        }
        try {
            finished.future().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = done.get();
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        client.close();
        return new Result(name, concurrency, n, errors.get(), seconds, n / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), n == 0 ? 0 : sorted[n - 1] / 1e6);
    }

    /**
     * Open loop: sends {@code perSecond} requests a second on a fixed schedule for {@code millis},
     * whatever the responses do, so latency is measured at that offered rate (no coordinated omission
     * from waiting on slow responses). The first second warms the connections (TLS handshakes, as a
     * keep-alive client such as kube-apiserver pays once) and is not counted.
     */
    public static Result runAtRate(Vertx vertx, String name, int port, String caPem, int connections, int perSecond,
                                   long millis, Supplier<Request> requests) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(false)
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem))).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
        int total = (int) (perSecond * millis / 1000);
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        Promise<Void> finished = Promise.promise();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / perSecond;
        AtomicInteger sent = new AtomicInteger();
        vertx.setPeriodic(1, timer -> {
            long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
            while (sent.get() < due) {
                int slot = sent.getAndIncrement();
                long scheduled = start + slot * intervalNanos;
                send(client, port, requests.get()).onComplete(ar -> {
                    latencies[slot] = System.nanoTime() - scheduled;
                    if (ar.failed() || ar.result() != 200) {
                        errors.incrementAndGet();
                    }
                    if (done.incrementAndGet() == total) {
                        finished.tryComplete();
                    }
                });
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(timer);
            }
        });
        try {
            finished.future().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int warmUp = Math.min(perSecond, total / 2);
        long[] sorted = Arrays.copyOfRange(latencies, warmUp, total);
        Arrays.sort(sorted);
        client.close();
        return new Result(name, connections, sorted.length, errors.get(), seconds, total / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static Future<Integer> send(HttpClient client, int port, Request r) {
        RequestOptions options = new RequestOptions().setMethod(r.method()).setHost("localhost").setPort(port).setURI(r.path());
        if (r.contentType() != null) {
            options.putHeader("Content-Type", r.contentType());
        }
        if (r.authorization() != null) {
            options.putHeader("Authorization", r.authorization());
        }
        return client.request(options)
                .compose(req -> r.body() == null ? req.send() : req.send(r.body()))
                .compose(resp -> resp.body().map(b -> resp.statusCode()));
    }

    private static void next(HttpClient client, int port, Supplier<Request> requests, long[] latencies,
                             AtomicInteger issued, AtomicInteger done, AtomicLong errors, long deadline,
                             long maxRequests, Promise<Void> finished) {
        int slot = issued.getAndIncrement();
        if (slot >= maxRequests || System.nanoTime() > deadline) {
            issued.decrementAndGet();
            if (done.get() >= issued.get()) {
                finished.tryComplete();
            }
            return;
        }
        long t0 = System.nanoTime();
        send(client, port, requests.get()).onComplete(ar -> {
            latencies[slot] = System.nanoTime() - t0;
            if (ar.failed() || ar.result() != 200) {
                errors.incrementAndGet();
            }
            done.incrementAndGet();
            next(client, port, requests, latencies, issued, done, errors, deadline, maxRequests, finished);
        });
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, idx)] / 1e4) / 100.0;
    }
}
