#!/usr/bin/env python3
"""The DuckDB peer for `tertial-bench run`: the same reading and the same figures as
bench/pandas_baseline.py (see its docstring), in SQL over the globbed files.
Prints `period;unit;indicator;value` and, on stderr, `work_seconds=...`.

Usage: python bench/duckdb_baseline.py DATA [OUT.csv]   (the benchmark's venv has duckdb)
"""
import glob
import os
import sys
import time

import duckdb
import yaml

import baseline_common as common


def main():
    data = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else None
    t0 = time.perf_counter()
    con = duckdb.connect()
    csv = "read_csv('{}', delim=';', header=true, all_varchar=true)"
    with open(os.path.join(data, "indicators.yaml"), encoding="utf-8") as f:
        catalogue = yaml.safe_load(f)["indicators"]
    wanted = common.wanted(catalogue)
    # Every file is read, as tertial's load does.
    for p in [os.path.join(data, "targets.csv"), os.path.join(data, "waitlist.csv")] + sorted(glob.glob(os.path.join(data, "ip", "*.csv"))):
        if os.path.exists(p):
            con.execute(f"select count(*) from {csv.format(p)}").fetchall()
    con.execute(f"create temp table units as select * from {csv.format(os.path.join(data, 'units.csv'))}")
    con.execute("create temp table wanted(id varchar)")
    con.executemany("insert into wanted values (?)", [[w] for w in wanted])
    rows = con.execute(f"""
        with recursive chain(unit, ancestor, start, stop) as (
            select id, id, coalesce(try_cast("from" as date), date '0001-01-01'), coalesce(try_cast("to" as date), date '9999-12-31') from units
            union all
            select c.unit, u.parent, greatest(c.start, coalesce(try_cast(p."from" as date), date '0001-01-01')),
                   least(c.stop, coalesce(try_cast(p."to" as date), date '9999-12-31'))
            from chain c join units u on u.id = c.ancestor join units p on p.id = u.parent
            where u.parent is not null and u.parent <> ''
        ),
        r as (
            select period, unit, indicator, try_cast(replace(replace(value, ' ', ''), ',', '.') as double) as value,
                   last_day(make_date(cast(substr(period, 1, 4) as integer), cast(substr(period, 7, 1) as integer) * 4, 1)) as "end"
            from {csv.format(os.path.join(data, 'reports', '*.csv'))}
            where indicator in (select id from wanted) and regexp_matches(period, '^\\d{{4}}-T[123]$')
        )
        select period, ancestor, indicator, sum(value) as v
        from r join chain using (unit)
        where chain.start <= r."end" and r."end" <= chain.stop
        group by period, ancestor, indicator
        having count(value) > 0
        order by period, ancestor, indicator
    """).fetchall()
    elapsed = time.perf_counter() - t0
    common.write(rows, out, elapsed)


if __name__ == "__main__":
    main()
