#!/usr/bin/env bash
# Installs what Klaster needs to build, from crates.io, the npm registry and Debian packages
# only. Idempotent: on a machine that has everything it only checks versions (a few seconds).
#   scripts/setup.sh          build tools (wasm32 target, Trunk, wasm-bindgen-cli, npm packages)
#   scripts/setup.sh --test   the same plus Chromium and ChromeDriver for the browser tests
# Sourced by serve.sh and test.sh; prints what it installs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION="0.21.14" # the newest Trunk that builds with rustc 1.95
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root (or sudo) to run: $*" >&2; exit 1
  fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Rust's wasm target.
if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Trunk, pinned. Release profile without fat LTO: 7 minutes instead of 18 on two cores.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (takes ~8 minutes once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli, the version in Cargo.lock. (Not --locked: its lock file pins a crate
# version the registry mirror may not serve.)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes ~7 minutes once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be \"$WASM_BINDGEN_VERSION\" (Cargo.lock)" >&2
  exit 1
fi

# Node and the npm packages (echarts, binaryen's wasm-opt, playwright-core), exactly as locked.
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
# node_modules/.klaster-lock is the package-lock.json the last `npm ci` installed (npm's own
# hidden lock file is written in another shape and never compares equal, so it was reinstalled
# on every run).
if ! cmp -s package-lock.json node_modules/.klaster-lock; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.klaster-lock
fi

# Crates for the locked graph, so that Trunk can run --offline (a tool version mismatch then
# fails at once instead of Trunk trying to download its own tools).
cargo fetch --locked --quiet

if [ "${1:-}" = "--test" ]; then
  # DuckDB for the warehouse-SQL tests, in its own folder: `npm install` (not `npm ci`), which
  # skips the optional bindings of other platforms that the registry may not serve.
  if ! cmp -s tests/sql/package-lock.json tests/sql/node_modules/.klaster-lock; then
    say "npm install (tests/sql: DuckDB)"
    # npm install writes the other platforms' optional bindings into the lock file; the
    # committed one is put back, so a test run leaves the work tree clean.
    cp tests/sql/package-lock.json tests/sql/.package-lock.committed
    (cd tests/sql && npm install --no-audit --no-fund --loglevel=error)
    mv tests/sql/.package-lock.committed tests/sql/package-lock.json
    cp tests/sql/package-lock.json tests/sql/node_modules/.klaster-lock
  fi
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
fi
