package io.clusterca.ca.policy;

import java.util.Set;

/**
 * The authenticated identity asking for a certificate: a node ({@code system:node:<name>}, group
 * {@code system:nodes}), a bootstrapper ({@code system:bootstrap:<id>}, group
 * {@code system:bootstrappers}) or any other user the API server or our TLS port authenticated.
 */
public record Requester(String username, Set<String> groups) {
    public static final String NODE_PREFIX = "system:node:";
    public static final String NODES_GROUP = "system:nodes";
    public static final String BOOTSTRAPPERS_GROUP = "system:bootstrappers";

    public Requester {
        groups = Set.copyOf(groups);
    }

    public boolean isBootstrapper() {
        return groups.contains(BOOTSTRAPPERS_GROUP);
    }

    public boolean isNode() {
        return username.startsWith(NODE_PREFIX) && groups.contains(NODES_GROUP);
    }
}
