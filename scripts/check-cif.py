#!/usr/bin/env python3
"""Compares tertial's Aalen–Johansen estimator with scikit-survival's
cumulative_incidence_competing_risks (issue 25): every step's cumulative incidence of
allocation and of leaving, Aalen's variance and the log-log 95 % interval of allocation, on
generated data (many ties of allocation, leaving and censoring on one day) and on small
cases. Exits 1 on any difference over 1e-6.

    scripts/check-cif.py BENCH_BINARY [--cases N]

scikit-survival comes from PyPI into a virtual environment (scripts/check-cif.sh makes it).
"""
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


def main():
    binary = sys.argv[1]
    cases = int(sys.argv[sys.argv.index("--cases") + 1]) if "--cases" in sys.argv else 40
    rng = random.Random(2019)
    worst = 0.0
    worst = max(worst, compare(binary, [(2, 1), (2, 2), (2, 0), (3, 1), (5, 0)], "ties on one day"))
    worst = max(worst, compare(binary, [(1, 1), (2, 1), (2, 1), (3, 1), (4, 0), (5, 1), (6, 2)], "few"))
    for k in range(cases):
        n = rng.choice([12, 30, 100, 400, 2000])
        span = rng.choice([30, 365, 730])  # short spans: many ties
        worst = max(worst, compare(binary, generated(rng, n, span, rng.uniform(0.2, 0.7), rng.uniform(0.05, 0.3)), f"generated {k + 1}"))
    print(f"largest difference over every comparison: {worst:.2e} (tolerance {TOL})")
    sys.exit(0 if worst <= TOL else 1)


if __name__ == "__main__":
    main()
