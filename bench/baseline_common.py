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
