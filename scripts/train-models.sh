#!/usr/bin/env bash
# Retrains the two shipped models from ../shared/data into engine/models/ (committed; embedded
# in the app at build time). Deterministic: the same data gives the same files, which
# engine/tests/logistic_reference.rs checks whenever the data is present.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
cargo build --release -q -p klaster-cli
./target/release/klaster train "$data/bank-full.csv" --preset bank --out engine/models/bank.json
./target/release/klaster train "$data/marketing_campaign.csv" --preset personality --out engine/models/personality.json
