package dev.fsc.compiler.codegen.airflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The import lines of a DAG file for the names it uses, so one file imports on Airflow 3.x and on 2.10 (MWAA):
 * Airflow 3 moved the DAG API to {@code airflow.sdk} and the core operators to the standard provider, so those
 * are imported from their 3.x modules, falling back to their 2.10 modules; everything else has one module.
 */
final class PythonImports {
    /** Where a name lives in Airflow 3.x and in 2.10. */
    private record Location(String airflow3, String airflow2) {
    }

    private static final Map<String, Location> KNOWN = Map.of(
            "DAG", new Location("airflow.sdk", "airflow"),
            "TaskGroup", new Location("airflow.sdk", "airflow.utils.task_group"),
            "BashOperator", new Location("airflow.providers.standard.operators.bash", "airflow.operators.bash"),
            "BashSensor", new Location("airflow.providers.standard.sensors.bash", "airflow.sensors.bash"),
            "ExternalTaskSensor", new Location("airflow.providers.standard.sensors.external_task", "airflow.sensors.external_task"),
            "CronDataIntervalTimetable", same("airflow.timetables.interval"),
            "EmrServerlessStartJobOperator", same("airflow.providers.amazon.aws.operators.emr"),
            "S3KeySensor", same("airflow.providers.amazon.aws.sensors.s3"));

    private PythonImports() {
    }

    private static Location same(String module) {
        return new Location(module, module);
    }

    /** Import lines for {@code names}, deterministic: sorted by module, then name. */
    static List<String> lines(Collection<String> names) {
        Map<String, TreeSet<String>> common = new TreeMap<>();
        Map<String, TreeSet<String>> airflow3 = new TreeMap<>();
        Map<String, TreeSet<String>> airflow2 = new TreeMap<>();
        for (String name : new TreeSet<>(names)) {
            Location at = KNOWN.get(name);
            if (at == null) {
                throw new IllegalArgumentException("no known Airflow module for " + name);
            }
            if (at.airflow3().equals(at.airflow2())) {
                common.computeIfAbsent(at.airflow3(), m -> new TreeSet<>()).add(name);
            } else {
                airflow3.computeIfAbsent(at.airflow3(), m -> new TreeSet<>()).add(name);
                airflow2.computeIfAbsent(at.airflow2(), m -> new TreeSet<>()).add(name);
            }
        }
        List<String> lines = new ArrayList<>();
        if (!airflow3.isEmpty()) {
            lines.add("try:  # Airflow 3.x");
            airflow3.forEach((module, ns) -> lines.add("    " + from(module, ns)));
            lines.add("except ImportError:  # Airflow 2.10 (e.g. MWAA)");
            airflow2.forEach((module, ns) -> lines.add("    " + from(module, ns)));
        }
        common.forEach((module, ns) -> lines.add(from(module, ns)));
        return lines;
    }

    private static String from(String module, Collection<String> names) {
        return "from " + module + " import " + String.join(", ", names);
    }
}
