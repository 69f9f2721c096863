#!/usr/bin/env bash
# Installs everything the golden path needs on a fresh machine: the npm packages (from the
# lock file) and a Chromium. It never downloads a browser build of Playwright's own: it uses
# Playwright's Chromium when one is installed, else a system Chromium, else Debian's package.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

has_browser() {
  [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ] && return 0
  for p in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do [ -x "$p" ] && return 0; done
  node -e "const fs=require('fs');const {chromium}=require('@playwright/test');process.exit(fs.existsSync(chromium.executablePath())?0:1)" 2>/dev/null
}

if has_browser; then
  echo "setup: a Chromium is available"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "setup: installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium (sudo)"
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "setup: no Chromium found. Install one: 'npx playwright install chromium' (needs internet)," >&2
  echo "       your system's chromium package, or set CHROMIUM_PATH." >&2
  exit 1
fi
