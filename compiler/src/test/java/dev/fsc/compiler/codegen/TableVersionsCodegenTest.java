package dev.fsc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.airflow.AirflowCodegen;
import dev.fsc.compiler.codegen.flink.FlinkCodegen;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generators name every table at the version the map gives it — where it is written, where it is read
 * (a dataset reading a view's tiles), where it is published — and with no versions they generate exactly what
 * they generated before versions existed.
 */
class TableVersionsCodegenTest {
    private static final Path MARKETPLACE = Path.of("..", "specs", "examples", "marketplace");
    private static final String TILES = "gold.user_click_stats__tiles_1m";
    private static final String DATASET = "gold.ranking_training";
    private static final TableVersions MOVED = new TableVersions(Map.of(TILES, 2, DATASET, 3));
    /** The old name of either table, not followed by a version suffix. */
    private static final Pattern OLD_NAME = Pattern.compile("(gold\\.user_click_stats__tiles_1m|gold\\.ranking_training)(?!__v|\\w)");

    private final Model model = new Compiler().compile(MARKETPLACE).model().orElseThrow();
    private final Plan plan = new ModelToPlan().plan(model);

    private Map<String, String> files(TableVersions tables, String environment) {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> inputs = SparkCodegen.localInputs(model.project(), environment);
        JobManifest.CatalogConfig catalog = SparkCodegen.catalog(model.project(), environment);
        SparkCodegen.SparkJob spark = new SparkCodegen().generate(model, plan, "test", inputs, catalog, tables);
        files.putAll(spark.files());
        new AirflowCodegen().generate(model, spark.manifest(), environment, inputs).ifPresent(d -> files.putAll(d.files()));
        files.putAll(new FlinkCodegen().generate(model, plan, "test", environment, catalog, tables).files());
        return files;
    }

    @Test
    void everyGeneratedFileNamesTheVersionsOfTheMovedTablesAndNeverTheOldNames() {
        for (String environment : new String[] {"local", "prod"}) {
            Map<String, String> files = files(MOVED, environment);
            files.forEach((path, content) -> assertFalse(OLD_NAME.matcher(content).find(),
                    environment + ": " + path + " still names an old table version"));
            assertTrue(files.get("spark/tiles_user_click_stats_1m.sql").contains("CREATE TABLE IF NOT EXISTS " + TILES + "__v2"));
            assertTrue(files.get("spark/dataset_ranking_training.sql").contains(TILES + "__v2"), "the dataset reads the new tiles");
            assertTrue(files.get("spark/dataset_ranking_training.sql").contains("CREATE TABLE IF NOT EXISTS " + DATASET + "__v3"));
            assertTrue(files.get("spark/tag_ranking_training.sql").contains("ALTER TABLE " + DATASET + "__v3"));
            assertTrue(files.get("spark/daily.job.json").contains("\"" + TILES + "__v2\""), "published");
            assertTrue(files.get("spark/tiles_user_click_stats_1h.sql").contains("gold.user_click_stats__tiles_1h\n")
                    || files.get("spark/tiles_user_click_stats_1h.sql").contains("gold.user_click_stats__tiles_1h "),
                    "the view's other tile table keeps its name");
            assertTrue(files.entrySet().stream().anyMatch(f -> f.getKey().startsWith("flink/") && f.getValue().contains(TILES + "__v2")),
                    environment + ": the streaming job appends to the new tiles");
            assertTrue(files.get("flink/online/user_click_stats.json").contains(TILES + "__v2"));
            // local DAG tasks call `fsc run-task`, which compiles with the environment's versions; prod tasks carry manifests
            assertEquals(environment.equals("prod"), files.entrySet().stream()
                    .anyMatch(f -> f.getKey().startsWith("airflow/manifests/") && f.getValue().contains(DATASET + "__v3")),
                    environment + ": the datasets DAG's task manifests publish the dataset's new version");
        }
    }

    @Test
    void noVersionsGenerateTheNamesOfBefore() {
        for (String environment : new String[] {"local", "prod"}) {
            Map<String, String> before = new TreeMap<>();
            Map<String, String> inputs = SparkCodegen.localInputs(model.project(), environment);
            JobManifest.CatalogConfig catalog = SparkCodegen.catalog(model.project(), environment);
            SparkCodegen.SparkJob spark = new SparkCodegen().generate(model, plan, "test", inputs, catalog);
            before.putAll(spark.files());
            new AirflowCodegen().generate(model, spark.manifest(), environment, inputs).ifPresent(d -> before.putAll(d.files()));
            before.putAll(new FlinkCodegen().generate(model, plan, "test", environment, catalog).files());
            assertEquals(before, files(TableVersions.NONE, environment));
            assertTrue(before.get("spark/tiles_user_click_stats_1m.sql").contains("CREATE TABLE IF NOT EXISTS " + TILES + " "));
        }
    }
}
