#!/usr/bin/env bash
# README command 1: install what is missing, build, and serve Klaster on http://127.0.0.1:8080
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "Serving Klaster on http://127.0.0.1:8080 (Ctrl-C to stop)"
exec trunk serve --release --offline "$@"
