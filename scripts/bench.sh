#!/usr/bin/env bash
# The benchmark suite: the engine natively (criterion), the same work in pandas, and the app in
# headless Chromium, on bank-full.csv from ../shared/data. Prints Markdown rows for the README.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --test
DATA="${KLASTER_DATA:-$ROOT/../shared/data}"
FILE="$DATA/bank-full.csv"
[ -f "$FILE" ] || { echo "bank-full.csv not found in $DATA (set KLASTER_DATA)" >&2; exit 1; }

echo "== engine, natively (criterion)"
cargo bench -p klaster-engine --bench ingest -- "bank-full" 2>&1 | grep -E "^bank|time:" | grep -v "change:"

echo "== pandas"
if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install -q -r bench/requirements.txt
fi
.venv-bench/bin/python bench/pandas_reference.py "$FILE" ";"

echo "== Klaster in headless Chromium"
trunk build --release --offline >/dev/null 2>&1
node bench/browser.mjs "$FILE" 7
