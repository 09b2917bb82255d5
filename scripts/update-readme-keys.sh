#!/usr/bin/env bash
# Rewrites the key table in README.md from Sources/TUI/Keymap.swift (KeymapTests checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
# Swift Testing prints the message's lines indented by two spaces, then the "✘ Test" line.
table=$(swift test --filter KeymapTests.testReadmeKeyTableIsGeneratedFromTheTable 2>&1 | sed -n '/paste this between/,/^✘ Test/p' | sed '1d;$d' | sed 's/^  //' || true)
[ -n "$table" ] || { echo "README.md's key table is up to date"; exit 0; }
python3 - "$table" <<'PY'
import sys
p = "README.md"
s = open(p, encoding="utf-8").read()
start = s.index("\n", s.index("<!-- key table:")) + 1
end = s.index("<!-- end of key table -->")
open(p, "w", encoding="utf-8").write(s[:start] + sys.argv[1] + "\n" + s[end:])
PY
echo "README.md's key table rewritten"
