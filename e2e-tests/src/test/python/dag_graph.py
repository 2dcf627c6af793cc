"""Loads every DAG file of a folder with Airflow's own DagBag and prints, as JSON, the import errors and each
DAG's task graph (task id -> sorted upstream task ids), so the Java test can compare it with the plan's graph.
Writes to a file: Airflow logs to standard output.

Usage: python dag_graph.py DAGS_FOLDER OUT_JSON
"""
import json
import sys

try:  # Airflow 3.x
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow 2.10
    from airflow.models.dagbag import DagBag


def main(folder, out):
    bag = DagBag(dag_folder=folder)
    dags = {}
    for dag_id, dag in sorted(bag.dags.items()):
        dags[dag_id] = {
            "schedule": str(dag.timetable.summary),
            "catchup": dag.catchup,
            "max_active_runs": dag.max_active_runs,
            "tasks": {t.task_id: sorted(t.upstream_task_ids) for t in sorted(dag.tasks, key=lambda t: t.task_id)},
        }
    errors = {path: str(message) for path, message in sorted(bag.import_errors.items())}
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"import_errors": errors, "dags": dags}, f, indent=2, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
