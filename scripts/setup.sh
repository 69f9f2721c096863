#!/usr/bin/env bash
# Installs everything the golden path needs on a fresh machine: the npm packages (from the
# lock file) and a Chromium. Which Chromium is decided in src/setup/browser-setup.ts and carried
# out by scripts/setup-browser.ts: one already there is used (CHROMIUM_PATH, Playwright's own, a
# system one); else Debian's chromium package where apt-get can be used; else, where it is not
# (macOS, Linux with another package manager), Playwright's own Chromium when its download
# answers; else a message saying what was tried and what to do, and exit 1. An offline Debian
# machine never downloads a browser. Arguments go to scripts/setup-browser.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

node_modules/.bin/tsx scripts/setup-browser.ts "$@"
