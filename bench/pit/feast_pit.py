#!/usr/bin/env python3
"""Strategy (F) of bench/pit: Feast itself, its file (Dask) offline store, over the same Parquet files.

    feast_pit.py --scenario NAME --build DIR --probe DIR --work DIR --out FILE [--runs 3] [--ttl-days 30]

Registers one entity `key` and one feature view `pit` (feature `value`, timestamp field `ts`) over the build
folder with a local registry in --work, reads the probe folder into pandas as the entity dataframe (`t` renamed
to `event_timestamp`; not timed) and times `get_historical_features(...).to_df()`: one warm-up run, then --runs
timed runs. Appends one line per strategy in the format bench/pit's Report reads (Measurement.tsv): F without a
TTL, F_ttl with a feature-view TTL of --ttl-days (only with --ttl-days).

The checksum is that of every other strategy (Checksum.java), over the probe rows: Feast returns one row per
distinct (key, event_timestamp) and drops probes whose key has rows but none at or before t, so its result is
joined back to the probes on (key, t) (not timed) — a probe Feast dropped counts as one without a value.
"""
import argparse
import os
import resource
import statistics
import time
from datetime import timedelta

import pandas as pd
from feast import Entity, FeatureStore, FeatureView, Field, FileSource, ValueType
from feast.repo_config import RepoConfig
from feast.types import Int64


def cpu_seconds():
    """CPU time of this process, all threads (Dask's workers are threads)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def store_over(build_dir, work, ttl_days):
    os.makedirs(work, exist_ok=True)
    config = RepoConfig(
        project="fsc_bench_pit",
        registry=os.path.join(work, "registry.db"),
        provider="local",
        offline_store={"type": "file"},
        online_store={"type": "sqlite", "path": os.path.join(work, "online.db")},
        entity_key_serialization_version=3,
    )
    store = FeatureStore(config=config)
    key = Entity(name="key", join_keys=["key"], value_type=ValueType.INT64)
    source = FileSource(name="build", path=build_dir, timestamp_field="ts")
    view = FeatureView(
        name="pit",
        entities=[key],
        ttl=timedelta(days=ttl_days) if ttl_days else timedelta(0),  # 0 = no TTL in Feast
        schema=[Field(name="value", dtype=Int64)],
        source=source,
    )
    store.apply([key, view])
    return store


def checksum(probes, result):
    found = result[["key", "event_timestamp", "value"]].drop_duplicates(["key", "event_timestamp"])
    joined = probes.merge(found, on=["key", "event_timestamp"], how="left")
    value = joined["value"].astype("Int64")
    hits = int(value.notna().sum())
    total = int(value.fillna(0).sum())
    weighted = int(((joined["pid"] % 9973) * value.fillna(0)).sum())
    return f"{len(joined)},{hits},{total},{weighted}", len(result)


def measure(store, probes, runs, log_name):
    seconds, cpu, sums = [], [], set()
    rows = None
    for run in range(runs + 1):
        c0, t0 = cpu_seconds(), time.perf_counter()
        result = store.get_historical_features(entity_df=probes, features=["pit:value"]).to_df()
        seconds.append(time.perf_counter() - t0)
        cpu.append(cpu_seconds() - c0)
        s, rows = checksum(probes, result)
        sums.add(s)
        print(f"feast: {log_name} {'warm-up' if run == 0 else f'run {run}'} {seconds[-1]:7.2f} s "
              f"(cpu {cpu[-1]:6.2f} s) {s} ({rows:,} rows returned)", flush=True)
    if len(sums) != 1:
        raise SystemExit(f"feast: {log_name}: runs disagree: {sums}")
    return seconds, cpu, sums.pop(), rows


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", required=True)
    p.add_argument("--build", required=True)
    p.add_argument("--probe", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--ttl-days", type=int, default=0)
    a = p.parse_args()

    probes = pd.read_parquet(a.probe).rename(columns={"t": "event_timestamp"})
    variants = [("F", 0)] + ([("F_ttl", a.ttl_days)] if a.ttl_days else [])
    for name, ttl in variants:
        store = store_over(a.build, os.path.join(a.work, name), ttl)
        seconds, cpu, s, rows = measure(store, probes, a.runs, f"{a.scenario} {name}")
        note = "-" if rows == len(probes) else f"returned {rows} of {len(probes)} probe rows"
        with open(a.out, "a") as f:
            f.write("\t".join([a.scenario, name, ",".join(f"{x:.3f}" for x in seconds),
                               ",".join(f"{x:.3f}" for x in cpu), s, note]) + "\n")
        print(f"feast: {a.scenario} {name} median {statistics.median(seconds[1:]) if a.runs else float('nan'):.2f} s",
              flush=True)


if __name__ == "__main__":
    main()
