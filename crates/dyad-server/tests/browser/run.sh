#!/usr/bin/env bash
# Browser tests of the dashboard: headless Chromium from Debian, driven by
# playwright-core (pinned in package-lock.json). Installs what it needs, builds
# and starts the fixture server, saves screenshots to target/browser-artifacts/.
#
#   bash crates/dyad-server/tests/browser/run.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core
fi
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

cd "$ROOT"
cargo build -q -p dyad-server --example fixture_server
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
export DYAD_FIXTURE_SERVER="$TARGET/debug/examples/fixture_server"
export ARTIFACTS="${ARTIFACTS:-$ROOT/target/browser-artifacts}"
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
mkdir -p "$ARTIFACTS"
cd "$HERE"
node --test --test-reporter=spec dashboard.test.mjs
echo "screenshots: $ARTIFACTS"
