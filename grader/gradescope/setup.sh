#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu base image).
# It installs Node.js 24 from NodeSource (the maintained LTS: Node 20 reached its end of life on
# 2026-04-30; the kit is tested on 20, 22 and 24) and the grader's locked dependencies.
# AUTOGRADER_ROOT stands in for /autograder, as in run_autograder.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"

export DEBIAN_FRONTEND=noninteractive
apt-get update
# util-linux gives the sandbox unshare, setpriv and prlimit; the base images usually have it already.
apt-get install -y --no-install-recommends ca-certificates curl gnupg util-linux
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" != "24" ]; then
  curl -fsSL https://deb.nodesource.com/setup_24.x | bash -
  apt-get install -y --no-install-recommends nodejs
fi

cd "$ROOT/source"
# Only the grader's runtime dependencies (ts-node and typescript among them), exactly as locked.
npm ci --omit=dev --no-audit --no-fund
