#!/usr/bin/env bash
# Rewrites the screen examples in README.md from the reviewed golden screens
# (Tests/TUITests/golden/NAME.txt, the text above "--- style ---"). Each example follows a
# marker line `<!-- screen: NAME -->`; GoldenTests.testReadmeScreensAreTheGoldenScreens
# checks that they are equal.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import re
p = "README.md"
s = open(p, encoding="utf-8").read()
def block(m):
    name = m.group(1)
    text = open(f"Tests/TUITests/golden/{name}.txt", encoding="utf-8").read().split("\n--- style ---")[0]
    return f"{m.group(0).splitlines()[0]}\n\n```\n{text}\n```"
new = re.sub(r"<!-- screen: ([\w-]+) -->\n\n```\n.*?\n```", block, s, flags=re.S)
open(p, "w", encoding="utf-8").write(new)
print("README.md's screen examples " + ("rewritten" if new != s else "are up to date"))
PY
