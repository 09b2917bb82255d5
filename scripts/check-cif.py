#!/usr/bin/env python3
"""Compares tertial's Aalen–Johansen estimator with scikit-survival's
cumulative_incidence_competing_risks (issue 25). Exits 1 on any difference over 1e-6.

1. The estimator itself (`tertial-bench cif`): every step's cumulative incidence of
   allocation and of leaving, Aalen's variance and the log-log 95 % interval of allocation,
   on generated observations (many ties of allocation, leaving and censoring on one day) and
   on small cases.
2. The forecast as a leader reads it (`tertial report waitlist --format json`) on whole
   datasets (sample-data, the benchmark's generated data): for the etat and every unit not
   touched by a merge, per category and for all, on each day given, the chance of a place
   at 3/6/12 months with its interval, the median and the chance of leaving within 12
   months. The observations are built here from waitlist.csv and units.csv, independently
   of tertial (the window, the censoring on the day, the earlier of allocated and left).

    scripts/check-cif.py BENCH_BINARY [--cases N] [--tertial BIN [--data DIR --at DAY [--at DAY]...]...]

scikit-survival comes from PyPI into a virtual environment (scripts/check-cif.sh makes it).
"""
import calendar
import csv
import datetime
import json
import random
import subprocess
import sys
import tempfile

import numpy as np
from sksurv.nonparametric import cumulative_incidence_competing_risks

TOL = 1e-6


def ours(binary, obs):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        for d, k in obs:
            f.write(f"{d};{k}\n")
        path = f.name
    out = subprocess.run([binary, "cif", path], check=True, capture_output=True, text=True).stdout
    rows = [line.split(";") for line in out.strip().splitlines()[1:]]
    return {int(r[0]): [float(x) for x in r[2:]] for r in rows}


def theirs(obs):
    days = np.array([d for d, _ in obs], dtype=float)
    kinds = np.array([k for _, k in obs], dtype=int)
    # scikit-survival wants every risk to occur; a sample without leaving is compared on allocation only.
    x, y, ci = cumulative_incidence_competing_risks(kinds, days, conf_type="log-log", var_type="Aalen")
    return x, y, ci


def compare(binary, obs, name):
    mine = ours(binary, obs)
    x, y, ci = theirs(obs)
    worst = 0.0
    for j, t in enumerate(x):
        m = mine[int(t)]
        pairs = [(m[0], y[1][j]), (m[1], y[2][j] if y.shape[0] > 2 else 0.0), (m[4], ci[1][0][j]), (m[5], ci[1][1][j])]
        for a, b in pairs:
            worst = max(worst, abs(a - b))
    print(f"{name}: {len(obs)} cases, {len(x)} steps, largest difference {worst:.2e}")
    return worst


def generated(rng, n, span, p_alloc, p_left):
    obs = []
    for _ in range(n):
        d = rng.randint(0, span)
        u = rng.random()
        obs.append((d, 1 if u < p_alloc else 2 if u < p_alloc + p_left else 0))
    # scikit-survival needs every kind of event to occur at least once.
    obs[0] = (obs[0][0], 1)
    obs[1] = (obs[1][0], 2)
    return obs


HOUSING = ["OMBPS2", "OMBPS3", "OMBPS4", "BOSENTER"]
HORIZONS = [(91, "3m"), (182, "6m"), (365, "12m")]


def day(text):
    text = text.strip()
    if not text:
        return None
    if "." in text:
        d, m, y = text.split(".")
        return datetime.date(int(y), int(m), int(d))
    return datetime.date.fromisoformat(text)


def months_back(d, n):
    """The same day n months earlier, the month's last day when it has fewer (as tertial)."""
    y, m = d.year, d.month - n
    while m < 1:
        m += 12
        y -= 1
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def read_dataset(data):
    with open(f"{data}/units.csv", encoding="utf-8") as f:
        units = list(csv.DictReader(f, delimiter=";"))
    with open(f"{data}/waitlist.csv", encoding="utf-8") as f:
        cases = []
        for r in csv.DictReader(f, delimiter=";"):
            a, l = day(r["allocated"]), day(r["left"])
            exits = [x for x in (a, l) if x is not None]
            exit_day = min(exits) if exits else None
            cases.append((r["unit"], r["housing"], day(r["granted"]), exit_day, a is not None and a == exit_day))
    return units, cases


def untouched_scopes(units):
    """Each unit's subtree, for the units whose subtree no merge touches (and the root)."""
    children = {}
    for u in units:
        children.setdefault(u["parent"], []).append(u["id"])
    merged = {u["id"] for u in units if u["successor"]} | {u["successor"] for u in units if u["successor"]}
    scopes = {}
    for u in units:
        sub, stack = set(), [u["id"]]
        while stack:
            x = stack.pop()
            sub.add(x)
            stack += children.get(x, [])
        if not u["parent"] or not (sub & merged):
            scopes[u["id"]] = sub
    return scopes


def observations(cases, scope, housing, at, window):
    start = months_back(at, window)
    obs = []
    for unit, h, granted, exit_day, allocated in cases:
        if unit not in scope or (housing and h != housing) or not (start <= granted <= at):
            continue
        if exit_day is not None and exit_day <= at:
            obs.append(((exit_day - granted).days, 1 if allocated else 2))
        else:
            obs.append(((at - granted).days, 0))
    return obs


def reference(obs):
    """sksurv's figures at the horizons: p, low, high of allocation, leaving at 12 months, the median."""
    days = np.array([d for d, _ in obs], dtype=float)
    kinds = np.array([k for _, k in obs], dtype=int)
    x, y, ci = cumulative_incidence_competing_risks(kinds, days, conf_type="log-log", var_type="Aalen")
    def at(row, d):
        idx = np.searchsorted(x, d, side="right") - 1
        return 0.0 if idx < 0 else float(row[idx])
    out = {}
    for d, name in HORIZONS:
        out[f"p_allocated_{name}"] = at(y[1], d)
        if at(y[1], d) > 0:
            out[f"p_allocated_{name}_low"] = at(ci[1][0], d)
            out[f"p_allocated_{name}_high"] = at(ci[1][1], d)
    out["p_left_12m"] = at(y[2], 365) if y.shape[0] > 2 else 0.0
    reached = [t for t, p in zip(x, y[1]) if p >= 0.5 - 1e-12]
    out["median_days_to_allocation"] = int(reached[0]) if reached else None
    return out


def compare_dataset(tertial, data, dates, window=24):
    units, cases = read_dataset(data)
    scopes = untouched_scopes(units)
    worst, compared, skipped = 0.0, 0, 0
    for at in dates:
        out = subprocess.run([tertial, "report", "waitlist", "--data", data, "--at", at.isoformat(), "--format", "json",
                              "--window", str(window)], check=True, capture_output=True, text=True).stdout
        doc = json.loads(out)
        for unit in doc["units"]:
            scope = scopes.get(unit["unit"])
            if scope is None:
                skipped += 1
                continue
            for cat, figures in unit["categories"].items():
                obs = observations(cases, scope, None if cat == "all" else cat, at, window)
                if figures["cases_in_window"] != len(obs):
                    print(f"{data} {at} {unit['unit']} {cat}: {figures['cases_in_window']} cases in the window, expected {len(obs)}")
                    return float("inf")
                if len(obs) < 10:
                    if figures["p_allocated_3m"] is not None:
                        print(f"{data} {at} {unit['unit']} {cat}: an estimate on {len(obs)} cases")
                        return float("inf")
                    continue
                if not any(k == 1 for _, k in obs) or not any(k == 2 for _, k in obs):
                    skipped += 1  # scikit-survival needs both kinds of event to occur
                    continue
                ref = reference(obs)
                if ref["median_days_to_allocation"] != figures["median_days_to_allocation"]:
                    print(f"{data} {at} {unit['unit']} {cat}: median {figures['median_days_to_allocation']}, scikit-survival {ref['median_days_to_allocation']}")
                    return float("inf")
                for key, value in ref.items():
                    if key != "median_days_to_allocation":
                        worst = max(worst, abs(figures[key] - value))
                compared += 1
    print(f"{data}: {compared} estimates (units × categories × days) compared, {skipped} left out "
          f"(a merge in the unit's subtree, or an event kind that never occurs); largest difference {worst:.2e}")
    return worst


def main():
    binary = sys.argv[1]
    cases = int(sys.argv[sys.argv.index("--cases") + 1]) if "--cases" in sys.argv else 40
    worst_data = 0.0
    if "--data" in sys.argv:
        tertial = sys.argv[sys.argv.index("--tertial") + 1]
        # Each --data with the --at days that follow it.
        plan = []
        for i, a in enumerate(sys.argv):
            if a == "--data":
                plan.append((sys.argv[i + 1], []))
            elif a == "--at":
                plan[-1][1].append(day(sys.argv[i + 1]))
        for data, dates in plan:
            worst_data = max(worst_data, compare_dataset(tertial, data, dates))
    rng = random.Random(2019)
    worst = 0.0
    worst = max(worst, compare(binary, [(2, 1), (2, 2), (2, 0), (3, 1), (5, 0)], "ties on one day"))
    worst = max(worst, compare(binary, [(1, 1), (2, 1), (2, 1), (3, 1), (4, 0), (5, 1), (6, 2)], "few"))
    for k in range(cases):
        n = rng.choice([12, 30, 100, 400, 2000])
        span = rng.choice([30, 365, 730])  # short spans: many ties
        worst = max(worst, compare(binary, generated(rng, n, span, rng.uniform(0.2, 0.7), rng.uniform(0.05, 0.3)), f"generated {k + 1}"))
    worst = max(worst, worst_data)
    print(f"largest difference over every comparison: {worst:.2e} (tolerance {TOL})")
    sys.exit(0 if worst <= TOL else 1)


if __name__ == "__main__":
    main()
