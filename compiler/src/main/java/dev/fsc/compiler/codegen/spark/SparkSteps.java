package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.model.FeatureView;
import java.util.List;

/**
 * Step ids of the daily job, one place for the names, so that orchestration (the Airflow DAG maps each of its
 * tasks to a set of steps) finds a source's, view's or dataset's steps without parsing ids.
 */
public final class SparkSteps {
    /** The step that defines each source's events as temporary views: every session reading events runs it. */
    public static final String EVENTS = "events";
    /** The step that fast-forwards every table written on the branch. */
    public static final String PUBLISH = "publish";

    private SparkSteps() {
    }

    public static String load(String source) {
        return "load_" + source;
    }

    public static String silver(String source) {
        return "silver_" + source;
    }

    public static String versions(String source) {
        return "versions_" + source;
    }

    public static String check(String source, String check) {
        return "check_" + source + "_" + check;
    }

    /** One step per tile size of the view. */
    public static List<String> tiles(FeatureView view) {
        return ViewSql.tileGroups(view).stream().map(g -> "tiles_" + view.name() + "_" + SparkTime.text(g.size())).toList();
    }

    public static String dataset(String dataset) {
        return "dataset_" + dataset;
    }

    public static String tag(String dataset) {
        return "tag_" + dataset;
    }
}
