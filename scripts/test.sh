#!/usr/bin/env bash
# README command 2: install test dependencies and run every test:
#   format and lints, engine + CLI unit tests on the host, component tests in headless
#   Chromium (wasm-bindgen-test), then the built app end to end (Playwright + Chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --test

step() { printf '\n\033[1m== %s\033[0m (at %ss)\n' "$*" "$SECONDS"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (host, all targets, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "host tests: engine, CLI, app logic"
cargo test --workspace

step "warehouse scoring SQL: the generated query on DuckDB = the engine"
cargo build --release -p klaster-cli --quiet
node --test --test-concurrency=1 tests/sql/

step "browser tests: components in headless Chromium"
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
  cargo test -p klaster-web --target wasm32-unknown-unknown

step "build the app (release)"
trunk build --release --offline

step "end-to-end: the built app in headless Chromium"
node --test --test-concurrency=1 tests/e2e/

step "the GitHub Pages build: the same e2e suite under /klaster/, deep links via 404.html"
scripts/build-pages.sh /klaster/ target/pages
KLASTER_BASE=/klaster/ KLASTER_DIST="$PWD/target/pages" \
  node --test --test-concurrency=1 tests/e2e/

printf '\nAll tests passed in %ss.\n' "$SECONDS"
