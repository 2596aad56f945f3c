package io.clusterca.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Vertx;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock API server with three rules of the real one it lacks, so tests exercise what production
 * relies on: (1) a PUT to a {@code /status} or {@code /approval} subresource carrying a stale resourceVersion is
 * refused with 409 Conflict (the mock checks only main-resource PUTs); (2) {@code /approval} is served, taking
 * only {@code status.conditions} from the body as the API server's approval strategy does (the mock fails on
 * it); (3) writes are serialized, so the version check and the write are atomic. Every call is recorded with
 * its response code, for tests that check which subresource a write went to.
 */
final class MockApiServer implements AutoCloseable {
    /** @param query the URL's query, decoded; empty when none */
    record Call(String method, String path, String query, int code) {}

    private final KubernetesMockServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();

    MockApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        Dispatcher crud = new KubernetesMixedDispatcher(responses);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new ApiServerRules(crud, calls), false);
        server.init();
    }

    /** A client on the Vert.x 5 HTTP client, as production builds it; closed with this server. */
    KubernetesClient client(Vertx vertx) {
        KubernetesClient client = server.createClient(new Vertx5HttpClientFactory(vertx));
        clients.add(client);
        return client;
    }

    /** The server's base URL, for a kubeconfig. */
    String url() {
        return server.url("/").replaceAll("/$", "");
    }

    KubernetesMockServer server() {
        return server;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String method, String path) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path)).toList();
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }

    private static final class ApiServerRules extends Dispatcher {
        private final Dispatcher crud;
        private final List<Call> calls;
        private final KubernetesSerialization json = new KubernetesSerialization();

        ApiServerRules(Dispatcher crud, List<Call> calls) {
            this.crud = crud;
            this.calls = calls;
        }

        /** The CRUD dispatcher closes its open watches here; without it the server's close can hang. */
        @Override
        public void shutdown() {
            crud.shutdown();
        }

        @Override
        public void releaseResources() {
            crud.releaseResources();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String[] url = request.getPath().split("\\?", 2);
            String path = url[0];
            String query = url.length > 1 ? URLDecoder.decode(url[1], StandardCharsets.UTF_8) : "";
            MockResponse response = "GET".equals(request.getMethod()) ? crud.dispatch(request) : write(request, path);
            calls.add(new Call(request.getMethod(), path, query, response.code()));
            return response;
        }

        private synchronized MockResponse write(RecordedRequest request, String path) {
            boolean status = path.endsWith("/status");
            boolean approval = path.endsWith("/approval");
            if (!"PUT".equals(request.getMethod()) || !(status || approval)) {
                return crud.dispatch(request);
            }
            String objectPath = path.substring(0, path.lastIndexOf('/'));
            MockResponse stored = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, objectPath,
                    request.getHeaders(), new Buffer()));
            if (stored.code() != 200) {
                return stored;
            }
            GenericKubernetesResource current = json.unmarshal(stored.getBody().readUtf8(), GenericKubernetesResource.class);
            // Reading a recorded body consumes it: what is forwarded is a new request with the same bytes.
            String body = request.getUtf8Body();
            GenericKubernetesResource sent = json.unmarshal(body, GenericKubernetesResource.class);
            String sentVersion = sent.getMetadata().getResourceVersion();
            if (sentVersion != null && !Objects.equals(sentVersion, current.getMetadata().getResourceVersion())) {
                return conflict(objectPath);
            }
            String forwarded = approval ? json.asJson(withConditionsOf(current, sent)) : body;
            return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, objectPath + "/status",
                    request.getHeaders(), new Buffer(forwarded.getBytes(StandardCharsets.UTF_8))));
        }

        @SuppressWarnings("unchecked")
        private static GenericKubernetesResource withConditionsOf(GenericKubernetesResource current,
                                                                  GenericKubernetesResource sent) {
            Map<String, Object> status = new LinkedHashMap<>();
            Object currentStatus = current.getAdditionalProperties().get("status");
            if (currentStatus instanceof Map<?, ?> m) {
                status.putAll((Map<String, Object>) m);
            }
            Object sentStatus = sent.getAdditionalProperties().get("status");
            Object conditions = sentStatus instanceof Map<?, ?> m ? m.get("conditions") : null;
            status.put("conditions", conditions == null ? List.of() : conditions);
            current.getAdditionalProperties().put("status", status);
            return current;
        }

        private static MockResponse conflict(String path) {
            return new MockResponse().setResponseCode(409).setHeader("Content-Type", "application/json").setBody(
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,"
                            + "\"message\":\"Operation cannot be fulfilled on " + path
                            + ": the object has been modified; please apply your changes to the latest version and try again\"}");
        }
    }
}
