#!/usr/bin/env bash
# Builds the static site for a sub-path, as GitHub Pages serves a project site:
#   scripts/build-pages.sh [PUBLIC_URL] [OUT]      (defaults: /klaster/ and target/pages)
# Every asset URL is written under PUBLIC_URL, and 404.html is a copy of index.html, so that a
# deep link (any path under PUBLIC_URL that is not a file) still opens the app: GitHub Pages
# answers it with 404.html. The workflow in .github/workflows/pages.yml runs this; the test
# command runs the e2e suite against its output served under /klaster/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

PUBLIC_URL="${1:-/klaster/}"
OUT="${2:-target/pages}"
case "$PUBLIC_URL" in
  /*/) ;;
  *) echo "PUBLIC_URL must start and end with / (got $PUBLIC_URL)" >&2; exit 1 ;;
esac
trunk build --release --offline --public-url "$PUBLIC_URL" --dist "$OUT"
cp "$OUT/index.html" "$OUT/404.html"
echo "built $OUT for $PUBLIC_URL"
