#!/usr/bin/env bash
# The benchmark suite: the engine natively (criterion), the same work in pandas, scikit-learn and
# kmodes, and the app in headless Chromium, on bank-full.csv from ../shared/data (plus 100,000
# generated mixed rows for K-Prototypes). Prints Markdown rows for docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --test
DATA="${KLASTER_DATA:-$ROOT/../shared/data}"
FILE="$DATA/bank-full.csv"
[ -f "$FILE" ] || { echo "bank-full.csv not found in $DATA (set KLASTER_DATA)" >&2; exit 1; }

echo "== engine, natively (criterion)"
cargo bench -p klaster-engine --bench ingest -- "bank-full" 2>&1 | grep -E "^bank|time:" | grep -v "change:"

echo "== engine segmentation, natively (criterion): K-Means sweep, silhouette, K-Prototypes"
# Also writes target/klaster-bench/mixed_100k.csv, the mixed rows the Python side reads.
cargo bench -p klaster-engine --bench segment 2>&1 | grep -E "^(bank|mixed)|time:" | grep -v "change:"

echo "== engine models and plan, natively (criterion): score 45k and 1M rows, plan, train"
cargo bench -p klaster-engine --bench model 2>&1 | grep -E "^bank|time:" | grep -v "change:"

# The reference packages, pinned in bench/requirements.txt; reinstalled when it changes.
if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
fi
if [ ! -f .venv-bench/.installed ] || [ bench/requirements.txt -nt .venv-bench/.installed ]; then
  .venv-bench/bin/pip install -q -r bench/requirements.txt
  touch .venv-bench/.installed
fi

echo "== pandas"
.venv-bench/bin/python bench/pandas_reference.py "$FILE" ";"

echo "== scikit-learn and kmodes (kmodes takes ~15 minutes; KLASTER_BENCH_KMODES=0 skips it)"
.venv-bench/bin/python bench/segment_reference.py "$FILE" "$ROOT/target/klaster-bench/mixed_100k.csv"

echo "== scikit-learn: the same logistic work (fit, CV over C, scoring 45k and 1M rows)"
.venv-bench/bin/python bench/model_reference.py "$FILE"

echo "== Klaster in headless Chromium"
trunk build --release --offline >/dev/null 2>&1
node bench/browser.mjs "$FILE" 7

echo "== cold load: gzipped bytes of every asset, first paint and time to interactive (fresh profile)"
node bench/cold_load.mjs 5

echo "== a 50,000-row workbook against the same table as CSV (Chromium and natively)"
cargo build --release -p klaster-cli --quiet
mkdir -p target/klaster-bench
cargo run --release --quiet -p klaster-engine --example workbook -- --rows 50000 --seed 7 \
  --out target/klaster-bench/customers_50k.xlsx --csv target/klaster-bench/customers_50k.csv
node bench/workbook.mjs target/klaster-bench/customers_50k.xlsx target/klaster-bench/customers_50k.csv 5

# Scale: generated customer tables (the engine's own generator, 29 columns) of 100,000 and
# 1,000,000 rows, through the page's default flow natively, in pandas + scikit-learn, and
# (1M) in Chromium.
cargo build --release -p klaster-cli --quiet
cargo build --release -p klaster-engine --example scale_timing --quiet
SCALE="$ROOT/target/klaster-bench"
mkdir -p "$SCALE"
for rows in 100000 1000000; do
  data="$SCALE/customers_$rows.tsv"
  [ -f "$data" ] || target/release/klaster sample --rows "$rows" --seed 7 > "$data"
done
echo "== generated customers, 100k and 1M: engine natively (criterion, every step)"
cargo bench -p klaster-engine --bench scale 2>&1 | grep -E "^customers|time:" | grep -v "change:"
for rows in 100000 1000000; do
  data="$SCALE/customers_$rows.tsv"
  echo "== $rows generated customers: engine natively, step by step in one run (with the exact silhouette at 100k)"
  target/release/examples/scale_timing "$data"
  echo "== $rows generated customers: pandas + scikit-learn + kmodes, the same steps"
  .venv-bench/bin/python bench/scale_reference.py "$data"
  echo "== $rows generated customers in headless Chromium (upload to scores)"
  node bench/scale_browser.mjs "$data"
done
