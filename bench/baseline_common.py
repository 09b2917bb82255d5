"""What the peers of `tertial-bench run` share: which indicators they sum, and how they
write their figures (`period;unit;indicator;value`, `work_seconds=...` on stderr)."""
import sys


def wanted(catalogue):
    """The reported tertial indicators that sum over units."""
    return [i["id"] for i in catalogue
            if i.get("frequency", "tertial") == "tertial" and i.get("over_units", "sum") == "sum"
            and i.get("source", "reported") == "reported"]


def write(rows, out, elapsed):
    """Writes (period, unit, indicator, value) rows to `out` (or stdout) and the time to stderr."""
    lines = ["period;unit;indicator;value"] + [f"{p};{u};{i};{v:g}" for p, u, i, v in rows]
    text = "\n".join(lines) + "\n"
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    print(f"work_seconds={elapsed:.4f} rows={len(lines) - 1}", file=sys.stderr)


def chains(ids, parents, froms, tos, day, earliest, latest):
    """Every (unit, ancestor, start, stop): the unit itself and each unit above it, with the
    dates on which the whole chain between them is active. `day` parses a date; an empty
    from or to is `earliest` or `latest`."""
    parent = dict(zip(ids, parents))
    lo = {u: (day(f) if f else earliest) for u, f in zip(ids, froms)}
    hi = {u: (day(t) if t else latest) for u, t in zip(ids, tos)}
    rows = []
    for u in ids:
        a, start, stop = u, lo[u], hi[u]
        while a:
            start, stop = max(start, lo[a]), min(stop, hi[a])
            rows.append((u, a, start, stop))
            a = parent.get(a, "")
    return rows
