#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with starting inputs: the project's own test fixtures and small
# generated samples of every kind (no third-party data). Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/load fuzz/corpus/cell
cp tests/fixtures/*.csv tests/fixtures/*.tsv tests/fixtures/*.psv fuzz/corpus/load/
cp engine/tests/fuzz-corpus/load-* fuzz/corpus/load/ 2>/dev/null || true
cp engine/tests/fuzz-corpus/cell-* fuzz/corpus/cell/ 2>/dev/null || true
for kind in customers bank list; do
  cargo run -q -p klaster-cli -- sample --kind "$kind" --rows 12 --seed 3 > "fuzz/corpus/load/sample-$kind.csv"
done
i=0
for cell in "1,234.50" "1.234,50" "Rp 12.000" "-3%" "2014-06-30" "30/06/2014" "06/30/2014" \
  "yes" "TRUE" "n/a" "  42 " "1e5" "\$1,000" "12-31-1999" "0.5"; do
  printf '%s' "$cell" > "fuzz/corpus/cell/seed-$i"; i=$((i + 1))
done
echo "seeded: $(ls fuzz/corpus/load | wc -l) load inputs, $(ls fuzz/corpus/cell | wc -l) cell inputs"
