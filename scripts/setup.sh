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
  playwright_chromium
}
playwright_chromium() {
  node -e "const fs=require('fs');const {chromium}=require('@playwright/test');process.exit(fs.existsSync(chromium.executablePath())?0:1)" 2>/dev/null
}

# Debian's packages, as root or through sudo; returns non-zero when neither is possible.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local run=()
  if [ "$(id -u)" != "0" ]; then command -v sudo >/dev/null 2>&1 || return 1; run=(sudo); fi
  # The package lists may be missing or stale on a fresh machine: one update, then the install.
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
  "${run[@]}" apt-get update -qq && "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if has_browser; then
  echo "setup: a Chromium is available"
elif apt_install chromium; then
  echo "setup: installed Debian's chromium"
else
  echo "setup: no Chromium found. Install one: 'npx playwright install chromium' (needs internet)," >&2
  echo "       your system's chromium package, or set CHROMIUM_PATH." >&2
  exit 1
fi

# With a system Chromium, headless tests launch its headless shell when installed, as Playwright
# launches its own chromium-headless-shell (runner/resolve-browser.ts); without it they run on
# the full browser, only slower.
if [ -z "${CHROMIUM_PATH:-}" ] && ! playwright_chromium && [ ! -x /usr/bin/chromium-headless-shell ]; then
  if apt_install chromium-headless-shell; then echo "setup: installed Debian's chromium-headless-shell"
  else echo "setup: chromium-headless-shell not installed; headless tests use the full Chromium"; fi
fi
