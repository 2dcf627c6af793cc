package dev.fsc.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.JobManifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlinkJobIdentityTest {
    private static final String INSERT = "INSERT INTO gold.tiles SELECT user_id, COUNT(*) FROM ${topic} GROUP BY user_id";

    private static String manifest(String insert, String topic) {
        return manifest(List.of(insert), topic);
    }

    private static String manifest(List<String> statements, String topic) {
        return new JobManifest(JobManifest.FORMAT_VERSION, "shop", "clicks", "plan1", "dev",
                JobManifest.CatalogConfig.hadoop("/wh"), Map.of("topic", topic), Optional.empty(),
                List.of(new JobManifest.Step("tiles", JobManifest.Kind.SQL, JobManifest.Severity.ERROR, statements,
                        List.of(), List.of()))).toJson();
    }

    @Test
    void parameterChangeKeepsTheStateShapeButNotTheBuild() {
        FlinkJobIdentity before = FlinkJobIdentity.of(manifest(INSERT, "clicks_v1"), "hashmap");
        FlinkJobIdentity after = FlinkJobIdentity.of(manifest(INSERT, "clicks_v2"), "hashmap");
        assertEquals(before.shape(), after.shape());
        assertNotEquals(before.build(), after.build());
    }

    @Test
    void anotherStateBackendKeepsTheStateShapeButNotTheBuild() {
        FlinkJobIdentity heap = FlinkJobIdentity.of(manifest(INSERT, "clicks"), "hashmap");
        FlinkJobIdentity rocksdb = FlinkJobIdentity.of(manifest(INSERT, "clicks"), "rocksdb");
        assertEquals(heap.shape(), rocksdb.shape());
        assertNotEquals(heap.build(), rocksdb.build());
    }

    @Test
    void sqlChangeChangesTheStateShape() {
        FlinkJobIdentity before = FlinkJobIdentity.of(manifest(INSERT, "clicks"), "hashmap");
        FlinkJobIdentity after = FlinkJobIdentity.of(manifest(INSERT.replace("COUNT(*)", "SUM(1)"), "clicks"), "hashmap");
        assertNotEquals(before.shape(), after.shape());
    }

    @Test
    void anotherTileStateTtlChangesTheStateShape() {
        // a savepoint of state without (or with another) TTL does not restore into the aggregate's new state
        String ttl = "SET 'fsc.tiles.state-ttl.gold.tiles' = '%s'";
        FlinkJobIdentity before = FlinkJobIdentity.of(manifest(List.of(ttl.formatted("1d11m"), INSERT), "clicks"), "hashmap");
        FlinkJobIdentity after = FlinkJobIdentity.of(manifest(List.of(ttl.formatted("30d10m"), INSERT), "clicks"), "hashmap");
        assertNotEquals(before.shape(), after.shape());
    }

    @Test
    void theFlinkJobNameRoundTripsAndForeignNamesAreNotOurs() {
        FlinkJobIdentity id = FlinkJobIdentity.of(manifest(INSERT, "clicks"), "hashmap");
        assertTrue(id.flinkName().startsWith("fsc:shop:clicks:" + id.shape() + ":"));
        assertEquals(Optional.of(id), FlinkJobIdentity.parse(id.flinkName()));
        assertEquals(Optional.empty(), FlinkJobIdentity.parse("insert-into_default_catalog.default_database.sink"));
    }
}
