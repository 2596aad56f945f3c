package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaIdTest {
    @TempDir
    Path root;

    @Test
    void aDataDirKeepsItsReplicaIdAcrossRestarts() {
        Path data = root.resolve("data");
        String first = ReplicaId.forDataDir(data);
        assertEquals(first, ReplicaId.forDataDir(data));
        assertTrue(Files.exists(data.resolve(ReplicaId.FILE)));
    }

    @Test
    void twoDataDirsOnOneHostGetDifferentReplicaIds() {
        // One host name, two replicas: a shared group.instance.id would fence one off the ledger topic.
        assertNotEquals(ReplicaId.forDataDir(root.resolve("a")), ReplicaId.forDataDir(root.resolve("b")));
    }

    @Test
    void aReplicaIdIsAValidKafkaGroupAndClientIdSuffix() {
        assertTrue(ReplicaId.fresh().matches("[a-zA-Z0-9._-]+-[0-9a-f]{12}"), ReplicaId.fresh());
    }

    @Test
    void aDamagedReplicaIdFileIsRefusedWithTheFileNamed() throws Exception {
        Files.writeString(root.resolve(ReplicaId.FILE), "two words\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReplicaId.forDataDir(root));
        assertTrue(e.getMessage().contains(ReplicaId.FILE), e.getMessage());
    }
}
