#!/usr/bin/env python3
"""Translate a generated fsc project (bench/validate/gen_specs.py) into the equivalent dbt project.

    gen_dbt.py FSC_DIR DBT_DIR

The peer of `fsc validate` / `fsc plan` in bench/compile is `dbt parse` on the same pipeline written the
way a dbt team would write it, one-to-one with the fsc specs so both tools read the same amount of
definitions:

    fsc source        -> a dbt source table (columns with types and descriptions; not_null, unique and
                         accepted_values tests from its quality checks) in models/sources/<name>.yml
    fsc feature_view  -> an incremental model models/features/<entity>/<view>.sql: the view's rows
                         (its `query:` with source() references, or its source), its filter, and one
                         aggregate column per feature and window, GROUP BY key and minute tile;
                         plus <view>.yml with the description and a column doc per feature
    fsc dataset       -> a model models/datasets/<name>.sql: the spine LEFT JOINed with ref() to every
                         view it reads; plus <name>.yml
    fsc entity        -> no dbt counterpart (entities are the join keys' names); not written

dbt parse renders every model's Jinja and reads every YAML file; like `fsc validate` it does not run
SQL. Unlike fsc it does not type the SQL either (see bench/README.md, "What would make it unfair").
Needs PyYAML (installed with dbt-core). Deterministic: the same FSC_DIR gives the same files.
"""

import os
import re
import shutil
import sys

import yaml

AGG_SQL = {"count": "count", "sum": "sum", "avg": "avg", "min": "min", "max": "max",
           "count_distinct": "count(distinct", "last": "max"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def specs(fsc_dir, folder):
    root = os.path.join(fsc_dir, folder)
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".yaml"):
                yield load(os.path.join(dirpath, name))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def with_sources(sql, source_names):
    """fsc queries name sources bare; dbt reads them through source()."""
    pattern = re.compile(r"\b(FROM|JOIN)\s+(" + "|".join(map(re.escape, sorted(source_names, key=len, reverse=True))) + r")\b")
    sql = re.sub(r"\s+FOR SYSTEM_TIME AS OF\s+[\w.]+", "", sql)  # dbt has no temporal join syntax
    return pattern.sub(lambda m: m.group(1) + " {{ source('raw', '" + m.group(2) + "') }}", sql)


def source_yaml(src):
    columns = []
    checks = src.get("quality", [])
    not_null = {c for q in checks for c in q.get("not_null", [])}
    unique = {c for q in checks for c in q.get("unique", [])}
    accepted = {q["accepted_values"]["column"]: q["accepted_values"]["values"] for q in checks if "accepted_values" in q}
    for name, declared in src["columns"].items():
        sql_type = declared["type"] if isinstance(declared, dict) else declared
        column = {"name": name, "data_type": sql_type.replace(" NOT NULL", ""),
                  "description": f"{name} of {src['name']}"}
        if isinstance(declared, dict) and "pii" in declared:
            column["meta"] = {"pii": declared["pii"]}
        tests = []
        if name in not_null or "NOT NULL" in sql_type:
            tests.append("not_null")
        if name in unique:
            tests.append("unique")
        if name in accepted:
            tests.append({"accepted_values": {"arguments": {"values": accepted[name]}}})
        if tests:
            column["data_tests"] = tests
        columns.append(column)
    doc = {"version": 2, "sources": [{"name": "raw", "tables": [
        {"name": src["name"], "description": src.get("description", "").strip(),
         "loaded_at_field": src["event_time"], "columns": columns}]}]}
    return yaml.safe_dump(doc, sort_keys=False)


def view_sql(view, source_names):
    keys = list(view.get("keys", {}).values()) or [k for k in ["{}_id".format(view["entity"])]]
    if "query" in view:
        rows = "(\n" + with_sources(view["query"].strip(), source_names) + "\n) AS rows_"
    else:
        rows = "{{ source('raw', '" + view["source"] + "') }}"
    aggregates = []
    for feature in view["features"]:
        agg = feature["agg"]
        expr = feature.get("expr", "*")
        for window in feature.get("windows", ["latest"]):
            opener = AGG_SQL[agg]
            call = f"{opener} {expr})" if agg == "count_distinct" else f"{opener}({expr})"
            aggregates.append(f"  {call} AS {feature['name']}_{window}")
    where = f"WHERE {view['filter']}" if view.get("filter") else ""
    incremental = "{% if is_incremental() %}\n" + ("  AND " if where else "WHERE ") + \
                  "event_time > (SELECT max(tile_start) FROM {{ this }})\n{% endif %}"
    return ("{{ config(materialized='incremental', unique_key=" + repr(keys + ["tile_start"]) + ") }}\n\n"
            + "SELECT\n  " + ",\n  ".join(keys) + ",\n  date_trunc('minute', event_time) AS tile_start,\n"
            + ",\n".join(aggregates) + f"\nFROM {rows}\n{where}\n{incremental}\n"
            + "GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys) + 1)) + "\n")


def doc_yaml(name, description, columns):
    return yaml.safe_dump({"version": 2, "models": [{"name": name, "description": (description or "").strip(),
                                                     "columns": [{"name": c, "description": d} for c, d in columns]}]},
                          sort_keys=False)


def dataset_sql(dataset, source_names):
    spine = dataset["spine"]
    if "source" in spine:
        base = "{{ source('raw', '" + spine["source"] + "') }} AS spine"
    else:
        base = "(\n" + with_sources(spine["query"].strip(), source_names) + "\n) AS spine"
    views = sorted({ref.split(".")[0] for ref in dataset["features"]})
    joins = []
    for i, view in enumerate(views):
        joins.append(f"LEFT JOIN {{{{ ref('{view}') }}}} AS v{i}\n  ON v{i}.tile_start <= spine.{spine['timestamp']}")
    return ("{{ config(materialized='table') }}\n\nSELECT spine.*\nFROM " + base + "\n" + "\n".join(joins) + "\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_dbt.py FSC_DIR DBT_DIR")
    fsc_dir, out = sys.argv[1], sys.argv[2]
    if os.path.exists(out):
        shutil.rmtree(out)
    write(os.path.join(out, "dbt_project.yml"), yaml.safe_dump({
        "name": "bench", "version": "1.0.0", "config-version": 2, "profile": "bench",
        "model-paths": ["models"]}, sort_keys=False))
    write(os.path.join(out, "profiles.yml"), yaml.safe_dump({
        "bench": {"target": "dev", "outputs": {"dev": {"type": "duckdb", "path": ":memory:"}}}}))
    sources = list(specs(fsc_dir, "sources"))
    names = [s["name"] for s in sources]
    counts = {"sources": 0, "feature models": 0, "dataset models": 0}
    for src in sources:
        write(os.path.join(out, "models", "sources", src["name"] + ".yml"), source_yaml(src))
        counts["sources"] += 1
    for view in specs(fsc_dir, "features"):
        folder = os.path.join(out, "models", "features", view["entity"])
        write(os.path.join(folder, view["name"] + ".sql"), view_sql(view, names))
        write(os.path.join(folder, view["name"] + ".yml"), doc_yaml(view["name"], view.get("description"),
              [(f"{f['name']}_{w}", f"{f['agg']} over {w}") for f in view["features"] for w in f.get("windows", ["latest"])]))
        counts["feature models"] += 1
    for dataset in specs(fsc_dir, "datasets"):
        folder = os.path.join(out, "models", "datasets")
        write(os.path.join(folder, dataset["name"] + ".sql"), dataset_sql(dataset, names))
        write(os.path.join(folder, dataset["name"] + ".yml"), doc_yaml(dataset["name"], dataset.get("description"), []))
        counts["dataset models"] += 1
    print("gen_dbt.py: wrote " + ", ".join(f"{v} {k}" for k, v in counts.items()) + " to " + out)


if __name__ == "__main__":
    main()
