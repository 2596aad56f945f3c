package io.clusterca.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The controller tests' Kubernetes: one Vert.x per test class, and per test a fresh CRUD-mode mock API server
 * with a client on it. Register it in a static field so both lifecycles apply. JUnit runs a test class's own
 * {@code @AfterEach} (stopping its controllers) before this closes the client and the server.
 */
final class MockKubernetes implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private Vertx vertx;
    private MockApiServer api;
    private KubernetesClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        vertx.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        api = new MockApiServer();
        client = api.client(vertx);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        api.close();
    }

    Vertx vertx() {
        return vertx;
    }

    MockApiServer api() {
        return api;
    }

    /** The test's own client, for setting up and reading back what the code under test did. */
    KubernetesClient client() {
        return client;
    }

    /** Another client on the same server, for the code under test (which closes it when it stops). */
    KubernetesClient newClient() {
        return api.client(vertx);
    }
}
