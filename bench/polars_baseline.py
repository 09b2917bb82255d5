#!/usr/bin/env python3
"""The polars peer for `tertial-bench run`: the same reading and the same figures as
bench/pandas_baseline.py (see its docstring), with polars' lazy, multi-threaded engine.
Prints `period;unit;indicator;value` and, on stderr, `work_seconds=...`.

Usage: python bench/polars_baseline.py DATA [OUT.csv]   (the benchmark's venv has polars)
"""
import glob
import os
import sys
import time
from datetime import date

import polars as pl
import yaml

import baseline_common as common


def scan(path):
    return pl.scan_csv(path, separator=";", infer_schema=False, encoding="utf8")


def main():
    data = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else None
    t0 = time.perf_counter()
    units = pl.read_csv(os.path.join(data, "units.csv"), separator=";", infer_schema=False)
    with open(os.path.join(data, "indicators.yaml"), encoding="utf-8") as f:
        catalogue = yaml.safe_load(f)["indicators"]
    # Every file is read, as tertial's load does (the waitlist and IP files are collected
    # in parallel with the reports).
    others = [scan(p) for p in [os.path.join(data, "targets.csv"), os.path.join(data, "waitlist.csv")] if os.path.exists(p)]
    others += [scan(p) for p in sorted(glob.glob(os.path.join(data, "ip", "*.csv")))]
    wanted = common.wanted(catalogue)

    # Every (unit, ancestor) pair, with the dates the whole chain between them is active.
    rows = common.chains(list(units["id"]), units["parent"].fill_null(""), units["from"].fill_null(""), units["to"].fill_null(""),
                         date.fromisoformat, date.min, date.max)
    pairs = pl.DataFrame(rows, schema=["unit", "ancestor", "start", "stop"], orient="row").lazy()

    reports = pl.concat([scan(p) for p in sorted(glob.glob(os.path.join(data, "reports", "*.csv")))])
    agg = (reports
           .filter(pl.col("indicator").is_in(wanted) & pl.col("period").str.contains(r"^\d{4}-T[123]$"))
           .with_columns(value=pl.col("value").str.replace_all(" ", "").str.replace(",", ".").cast(pl.Float64, strict=False),
                         end=pl.date(pl.col("period").str.slice(0, 4).cast(pl.Int32),
                                     pl.col("period").str.slice(6, 1).cast(pl.Int32) * 4, 1).dt.month_end())
           .join(pairs, on="unit")
           .filter((pl.col("start") <= pl.col("end")) & (pl.col("end") <= pl.col("stop")))
           .group_by(["period", "ancestor", "indicator"])
           .agg(pl.col("value").sum(), pl.col("value").count().alias("n"))
           .filter(pl.col("n") > 0)
           .sort(["period", "ancestor", "indicator"]))
    result, *_ = pl.collect_all([agg] + others)
    elapsed = time.perf_counter() - t0
    common.write(((p, u, i, v) for p, u, i, v, _ in result.iter_rows()), out, elapsed)


if __name__ == "__main__":
    main()
