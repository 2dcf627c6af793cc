package dev.fsc.bench.pit;

import java.util.Map;

import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.metric.SQLMetric;

import scala.jdk.javaapi.CollectionConverters;

/** Investigation aid: the executed Spark plan with its SQL metrics (sort time, spill, rows...), one node a line. */
final class PlanMetrics {
    private PlanMetrics() {
    }

    static String of(SparkPlan plan) {
        StringBuilder sb = new StringBuilder();
        walk(plan, 0, sb);
        return sb.toString();
    }

    private static void walk(SparkPlan p, int depth, StringBuilder sb) {
        if (p instanceof AdaptiveSparkPlanExec a) {
            walk(a.executedPlan(), depth, sb);
            return;
        }
        if (p instanceof QueryStageExec q) {
            walk(q.plan(), depth, sb);
            return;
        }
        sb.append("  ".repeat(depth)).append(p.nodeName());
        Map<String, SQLMetric> m = CollectionConverters.asJava(p.metrics());
        m.forEach((k, v) -> {
            if (v.value() > 0) {
                sb.append("  ").append(v.name().isDefined() ? v.name().get() : k).append('=').append(v.value());
            }
        });
        sb.append('\n');
        for (SparkPlan c : CollectionConverters.asJava(p.children())) {
            walk(c, depth + 1, sb);
        }
    }
}
