package dev.fsc.cli.deploy;

import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.codegen.spark.DatasetSql;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** The {@code fsc backfill} command that fills new versions of tables: the views and datasets that write them, or everything. */
final class BackfillHint {
    private BackfillHint() {
    }

    /** @param logicalTables logical names of the tables moved to a new version */
    static String of(Model model, Collection<String> logicalTables) {
        Set<String> commands = new TreeSet<>();
        for (String table : logicalTables) {
            commands.add(target(model, table));
        }
        if (commands.contains("--all")) {
            return "fsc backfill --days N --all (a source's tables changed: everything downstream reads them)";
        }
        return String.join("; ", commands.stream().map(t -> "fsc backfill --days N " + t).toList());
    }

    private static String target(Model model, String table) {
        for (FeatureView view : model.views()) {
            for (Feature f : view.features()) {
                if (TableNames.tiles(view.name(), f.tileSize()).equals(table)) {
                    return "--view " + view.name();
                }
            }
        }
        for (Dataset dataset : model.datasets()) {
            if (DatasetSql.table(dataset).equals(table)) {
                return "--dataset " + dataset.name();
            }
        }
        return "--all";
    }
}
