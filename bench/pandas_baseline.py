#!/usr/bin/env python3
"""The pandas baseline for `tertial-bench run`.

Reads every CSV file of a data directory (units, targets, reports, waitlist, IP register,
as tertial's load does), then computes the same tertial aggregates as tertial: for every
reported indicator with `frequency: tertial` and `over_units: sum`, for every tertial and
every unit active on its last day, the sum of the reported values of the units below it
(itself included) whose whole chain up to it is active then. Prints
`period;unit;indicator;value` and, on stderr, `work_seconds=...` (reading and computing,
without the interpreter and pandas import).

Usage: python3 bench/pandas_baseline.py DATA [OUT.csv]
"""
import glob
import os
import subprocess
import sys
import time

try:
    import pandas as pd
except ImportError:  # the benchmark installs what it needs
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "pandas"])
    import pandas as pd
import yaml

import baseline_common as common


def read(path):
    return pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def main():
    data = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else None
    t0 = time.perf_counter()
    units = read(os.path.join(data, "units.csv"))
    with open(os.path.join(data, "indicators.yaml"), encoding="utf-8") as f:
        catalogue = yaml.safe_load(f)["indicators"]
    if os.path.exists(os.path.join(data, "targets.csv")):
        read(os.path.join(data, "targets.csv"))
    reports = pd.concat([pd.read_csv(p, sep=";", dtype={"value": str}, keep_default_na=False, encoding="utf-8-sig")
                         for p in sorted(glob.glob(os.path.join(data, "reports", "*.csv")))], ignore_index=True)
    if os.path.exists(os.path.join(data, "waitlist.csv")):
        read(os.path.join(data, "waitlist.csv"))
    for p in sorted(glob.glob(os.path.join(data, "ip", "*.csv"))):
        read(p)

    wanted = set(common.wanted(catalogue))
    r = reports[reports["indicator"].isin(wanted) & reports["period"].str.match(r"^\d{4}-T[123]$")].copy()
    r["value"] = pd.to_numeric(r["value"].str.replace(" ", "", regex=False).str.replace(",", ".", regex=False), errors="coerce")
    year = r["period"].str[:4].astype(int)
    month = r["period"].str[-1].astype(int) * 4
    r["end"] = pd.to_datetime(dict(year=year, month=month, day=1)) + pd.offsets.MonthEnd(0)

    # Every (unit, ancestor) pair, with the dates the whole chain between them is active.
    rows = common.chains(list(units["id"]), units["parent"], units["from"], units["to"], pd.Timestamp, pd.Timestamp.min, pd.Timestamp.max)
    pairs = pd.DataFrame(rows, columns=["unit", "ancestor", "start", "stop"])
    m = r.merge(pairs, on="unit")
    m = m[(m["start"] <= m["end"]) & (m["end"] <= m["stop"])]
    agg = m.groupby(["period", "ancestor", "indicator"], sort=True)["value"].sum(min_count=1).dropna().reset_index()
    elapsed = time.perf_counter() - t0
    common.write(agg.itertuples(index=False), out, elapsed)


if __name__ == "__main__":
    main()
