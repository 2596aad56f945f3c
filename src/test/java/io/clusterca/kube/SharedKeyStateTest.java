package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.authority.CaHierarchy;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.keystore.KekSource;
import io.clusterca.ca.keystore.SealedKeyStore;
import io.clusterca.ca.policy.ServingPolicy;
import io.clusterca.ca.policy.SignerProfiles;
import io.clusterca.ca.sakeys.KeyRing;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SharedKeyStateTest {
    private static final String NAMESPACE = "clusterca-system";
    private static final Map<String, String> ENV = Map.of(KekSource.PASSPHRASE_ENV, "correct horse battery staple");
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String SECRET_PATH = "/api/v1/namespaces/" + NAMESPACE + "/secrets";

    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();
    private final List<SharedKeyState> states = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        states.forEach(SharedKeyState::close);
    }

    /** What a replica's start does in the staging directory: opens the authority and gives the SA ring its first key. */
    private static void createAuthority(Path dir, Map<String, String> env) {
        SealedKeyStore vault = SealedKeyStore.open(dir, KekSource.fromEnvironment(env), EventSink.NONE, CLOCK);
        openAuthority(dir, vault).close();
        KeyRing.open(KeyRing.Settings.of(dir), vault, EventSink.NONE).tick(CLOCK.instant());
    }

    private static ClusterAuthority openAuthority(Path dir, SealedKeyStore vault) {
        return ClusterAuthority.open(dir, vault, KeyAlgorithm.ECDSA_P256,
                SignerProfiles.standard(ServingPolicy.unrestricted())::forName, List.of(), EventSink.NONE, CLOCK,
                IssuanceSettings.defaults());
    }

    private static SealedKeyStore vault(Path dir) {
        return SealedKeyStore.open(dir, KekSource.fromEnvironment(ENV), EventSink.NONE, CLOCK);
    }

    private SharedKeyState bootstrap(Path dataDir, Consumer<Path> createIn) {
        SharedKeyState state = SharedKeyState.bootstrap(KUBE.newClient(), NAMESPACE, dataDir, ENV, createIn);
        states.add(state);
        return state;
    }

    private static Consumer<Path> mustNotCreate() {
        return dir -> fail("a replica that finds the Secret must not create key state");
    }

    private Secret secret() {
        return KUBE.client().secrets().inNamespace(NAMESPACE).withName(SharedKeyState.SECRET_NAME).get();
    }

    private static byte[] caCertificate(Path dataDir, CaName name) throws Exception {
        return Files.readAllBytes(CaHierarchy.certificateFile(dataDir, name));
    }

    @Test
    void firstReplicaCreatesTheSecretAndASecondReplicaLoadsTheSameRootsAndKeys() throws Exception {
        Path first = tmp.resolve("replica-1");
        Path second = tmp.resolve("replica-2");
        bootstrap(first, dir -> createAuthority(dir, ENV));
        assertTrue(secret().getData().containsKey("ca__kubernetes-ca.crt"));

        bootstrap(second, mustNotCreate());

        try (ClusterAuthority authority = openAuthority(second, vault(second))) {
            for (CaName name : CaName.values()) {
                assertArrayEquals(caCertificate(first, name), caCertificate(second, name), name.id());
                assertArrayEquals(Pem.certificate(Files.readString(CaHierarchy.certificateFile(first, name))).getEncoded(),
                        authority.cas().get(name).certificate().getEncoded(), "the authority loaded the shared " + name.id());
                assertSigns(authority.cas().get(name));
            }
        }
    }

    private static void assertSigns(CertificateAuthority ca) throws Exception {
        byte[] message = "shared roots".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA", Crypto.BC);
        signer.initSign(ca.privateKey());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA", Crypto.BC);
        verifier.initVerify(ca.certificate().getPublicKey());
        verifier.update(message);
        assertTrue(verifier.verify(signature), ca.name() + " key signs for its certificate");
    }

    @Test
    void restartedReplicaWithItsDataDirKeepsTheSharedRoots() throws Exception {
        Path dataDir = tmp.resolve("replica");
        bootstrap(dataDir, dir -> createAuthority(dir, ENV));
        byte[] before = caCertificate(dataDir, CaName.KUBERNETES_CA);
        String version = secret().getMetadata().getResourceVersion();

        bootstrap(dataDir, mustNotCreate());

        assertArrayEquals(before, caCertificate(dataDir, CaName.KUBERNETES_CA));
        assertEquals(version, secret().getMetadata().getResourceVersion());
    }

    @Test
    void concurrentFirstStartsAgreeOnOneSecretAndOneSetOfRoots() throws Exception {
        Path first = tmp.resolve("replica-1");
        Path second = tmp.resolve("replica-2");
        // Both replicas finish creating before either calls create: a real race for the Secret.
        CyclicBarrier bothCreated = new CyclicBarrier(2);
        Consumer<Path> createThenWait = dir -> {
            createAuthority(dir, ENV);
            try {
                bothCreated.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the other replica did not create its state", e);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SharedKeyState> a = pool.submit(() -> bootstrap(first, createThenWait));
            Future<SharedKeyState> b = pool.submit(() -> bootstrap(second, createThenWait));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, KUBE.client().secrets().inNamespace(NAMESPACE).list().getItems().size());
        assertEquals(List.of(201, 409), KUBE.api().calls("POST", SECRET_PATH).stream().map(MockApiServer.Call::code).sorted().toList());
        for (CaName name : CaName.values()) {
            assertArrayEquals(caCertificate(first, name), caCertificate(second, name), name.id());
        }
        byte[] shared = Base64.getDecoder().decode(secret().getData().get("ca__kubernetes-ca.crt"));
        assertArrayEquals(shared, caCertificate(first, CaName.KUBERNETES_CA));
        try (Stream<Path> left = Files.list(first); Stream<Path> right = Files.list(second)) {
            assertTrue(Stream.concat(left, right).noneMatch(p -> p.getFileName().toString().startsWith(".key-state-")),
                    "staging directories are removed");
        }
        try (ClusterAuthority authority = openAuthority(second, vault(second))) {
            assertSigns(authority.cas().get(CaName.KUBERNETES_CA));
        }
    }

    @Test
    void secretHoldsOnlySealedKeysAndPassphraseDerivedKeks() {
        bootstrap(tmp.resolve("replica"), dir -> createAuthority(dir, ENV));

        Map<String, String> data = secret().getData();
        assertTrue(data.keySet().containsAll(List.of("ca__kubernetes-ca.crt", "ca__etcd-ca.crt", "ca__front-proxy-ca.crt",
                "kek__current", "kek__v1.kek", "sa__keyring.json")), data.keySet().toString());
        assertEquals(4, data.keySet().stream().filter(k -> k.startsWith("keys__")).count(), "three CA keys and one SA key");
        data.forEach((key, value) -> {
            String content = new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains("PRIVATE KEY"), key);
            if (key.startsWith("kek__v")) {
                assertTrue(content.lines().anyMatch("kind argon2id"::equals), key);
                assertTrue(content.lines().noneMatch(l -> l.startsWith("key ")), key + " holds no key");
            }
        });
    }

    @Test
    void importedFilesGetTheModesTheStoresUse() throws Exception {
        bootstrap(tmp.resolve("replica-1"), dir -> createAuthority(dir, ENV));
        Path second = tmp.resolve("replica-2");

        bootstrap(second, mustNotCreate());

        assertEquals("rw-r--r--", mode(CaHierarchy.certificateFile(second, CaName.KUBERNETES_CA)));
        assertEquals("rw-------", mode(second.resolve("kek/v1.kek")));
        assertEquals("rw-------", mode(second.resolve("kek/current")));
        assertEquals("rw-------", mode(second.resolve("sa/keyring.json")));
        try (Stream<Path> keys = Files.list(second.resolve("keys"))) {
            assertTrue(keys.allMatch(k -> mode(k).equals("rw-------")));
        }
        assertEquals("rwx------", mode(second.resolve("keys")));
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesToStartWithoutAPassphrase() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedKeyState.bootstrap(KUBE.client(),
                NAMESPACE, tmp.resolve("replica"), Map.of(), dir -> createAuthority(dir, Map.of())));

        assertTrue(e.getMessage().contains(KekSource.PASSPHRASE_ENV), e.getMessage());
        assertNull(secret());
    }

    @Test
    void refusesToShareADataDirWhoseKekIsStoredInClear() {
        Path dataDir = tmp.resolve("replica");
        createAuthority(dataDir, Map.of());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> bootstrap(dataDir, dir -> createAuthority(dir, ENV)));

        assertTrue(e.getMessage().contains("kek/v1.kek is not a passphrase-derived KEK"), e.getMessage());
        assertNull(secret());
    }

    @Test
    void refusesASecretEntryOutsideTheKeyStateAndWritesNothing() {
        KUBE.client().secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName(SharedKeyState.SECRET_NAME).endMetadata()
                .withData(Map.of("kek__current", b64("1\n"), "ca__..__..__etc__passwd", b64("x"))).build()).create();
        Path dataDir = tmp.resolve("replica");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bootstrap(dataDir, mustNotCreate()));

        assertTrue(e.getMessage().contains("'ca__..__..__etc__passwd' is not a shared key-state file"), e.getMessage());
        assertFalse(Files.exists(dataDir.resolve("kek/current")));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void followerLoadsTheServiceAccountKeyTheLeaderRotatedAndPublished() {
        Path leaderDir = tmp.resolve("leader");
        Path followerDir = tmp.resolve("follower");
        SharedKeyState leader = bootstrap(leaderDir, dir -> createAuthority(dir, ENV));
        SharedKeyState follower = bootstrap(followerDir, mustNotCreate());
        KeyRing followerRing = KeyRing.open(KeyRing.Settings.of(followerDir), vault(followerDir), EventSink.NONE);
        String firstKid = followerRing.current().active().orElseThrow().kid();
        follower.startFollowing();
        Poll.until("the follower's initial list", follower::synced);

        KeyRing leaderRing = KeyRing.open(KeyRing.Settings.of(leaderDir), vault(leaderDir), EventSink.NONE);
        leaderRing.rotateNow(CLOCK.instant(), KeyRing.PreviousKey.KEEP_VERIFYING);
        String rotatedKid = leaderRing.current().active().orElseThrow().kid();
        assertTrue(leader.publish());

        Poll.until("the follower's ring to see the rotated key",
                () -> {
                    followerRing.reloadIfChanged();
                    return followerRing.current().active().orElseThrow().kid().equals(rotatedKid);
                });
        assertNotEquals(firstKid, rotatedKid);
        assertEquals(rotatedKid, followerRing.current().active().orElseThrow().kid());
        assertEquals(rotatedKid, followerRing.signingMaterial().active().kid(), "its sealed key opens on the follower");
    }

    @Test
    void followerTakesOverAKekRotationAndReWrapAndDropsTheRetiredKek() throws Exception {
        Path leaderDir = tmp.resolve("leader");
        Path followerDir = tmp.resolve("follower");
        SharedKeyState leader = bootstrap(leaderDir, dir -> createAuthority(dir, ENV));
        SharedKeyState follower = bootstrap(followerDir, mustNotCreate());
        SealedKeyStore leaderVault = vault(leaderDir);
        leaderVault.rotateKek(CLOCK.instant());
        leaderVault.rewrap();
        assertTrue(leader.publish());

        assertTrue(follower.importIfChanged());

        assertEquals("2", Files.readString(followerDir.resolve("kek/current")).strip());
        assertFalse(Files.exists(followerDir.resolve("kek/v1.kek")), "the KEK no key needs any more is gone");
        SealedKeyStore followerVault = vault(followerDir);
        assertEquals(Set.of(2), followerVault.status().kekVersionsStored());
        assertEquals(Set.of(2), followerVault.status().kekVersionsInUse());
        try (ClusterAuthority authority = openAuthority(followerDir, followerVault)) {
            assertSigns(authority.cas().get(CaName.KUBERNETES_CA));
        }
        assertFalse(follower.importIfChanged(), "nothing new the second time");
    }

    @Test
    void publishRecreatesADeletedSecretFromTheLeadersDataDir() throws Exception {
        Path leaderDir = tmp.resolve("leader");
        SharedKeyState leader = bootstrap(leaderDir, dir -> createAuthority(dir, ENV));
        KUBE.client().secrets().inNamespace(NAMESPACE).withName(SharedKeyState.SECRET_NAME).delete();
        Poll.until("the Secret to be gone", () -> secret() == null);
        KeyRing.open(KeyRing.Settings.of(leaderDir), vault(leaderDir), EventSink.NONE)
                .rotateNow(CLOCK.instant(), KeyRing.PreviousKey.KEEP_VERIFYING);

        assertTrue(leader.publish());

        assertEquals(List.of(404), KUBE.api().calls("PUT", SECRET_PATH + "/" + SharedKeyState.SECRET_NAME).stream()
                .map(MockApiServer.Call::code).toList(), "the update finds no Secret, so it is created again");
        assertArrayEquals(caCertificate(leaderDir, CaName.KUBERNETES_CA),
                Base64.getDecoder().decode(secret().getData().get("ca__kubernetes-ca.crt")));
        assertArrayEquals(Files.readAllBytes(leaderDir.resolve("sa/keyring.json")),
                Base64.getDecoder().decode(secret().getData().get("sa__keyring.json")));
    }

    @Test
    void publishWithoutLocalChangesWritesNothing() {
        SharedKeyState state = bootstrap(tmp.resolve("replica"), dir -> createAuthority(dir, ENV));

        assertFalse(state.publish());
        assertEquals(List.of(), KUBE.api().calls("PUT", SECRET_PATH + "/" + SharedKeyState.SECRET_NAME));
    }

    @Test
    void publishRetriesOnceWithTheCurrentVersionAfterAConflict() {
        Path leaderDir = tmp.resolve("leader");
        SharedKeyState leader = bootstrap(leaderDir, dir -> createAuthority(dir, ENV));
        // Someone else touched the Secret: the version the leader saw is stale.
        KUBE.client().secrets().inNamespace(NAMESPACE).withName(SharedKeyState.SECRET_NAME)
                .edit(s -> new SecretBuilder(s).editMetadata().addToAnnotations("touched", "yes").endMetadata().build());
        KeyRing ring = KeyRing.open(KeyRing.Settings.of(leaderDir), vault(leaderDir), EventSink.NONE);
        ring.rotateNow(CLOCK.instant(), KeyRing.PreviousKey.KEEP_VERIFYING);

        assertTrue(leader.publish());

        assertEquals(List.of(409, 200), KUBE.api().calls("PUT", SECRET_PATH + "/" + SharedKeyState.SECRET_NAME).stream()
                .map(MockApiServer.Call::code).toList());
        byte[] published = Base64.getDecoder().decode(secret().getData().get("sa__keyring.json"));
        assertTrue(new String(published, StandardCharsets.UTF_8).contains(ring.current().active().orElseThrow().kid()));
    }
}
