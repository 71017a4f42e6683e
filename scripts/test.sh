#!/usr/bin/env bash
# dyad's tests, on a fresh machine: every crate's unit and integration tests, then the
# dashboard's browser tests in headless Chromium (installed from Debian on first run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --workspace
bash crates/dyad-server/tests/browser/run.sh
